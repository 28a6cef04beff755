using Microsoft.Extensions.Logging;

namespace ResponseBot.Connectors.WeChat;

// The WeChat connector owns event ids 3000–3999: the API client 3100–3199, the webhook 3200–3299. Never log message
// text, OpenIDs, tokens or keys.
internal static partial class Log
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "WeChat request refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "The reply was not ready within {BudgetMs} ms: acknowledged now, sent as a customer-service message")]
    public static partial void PastBudget(ILogger logger, int budgetMs);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "The WeChat webhook failed; WeChat was told not to retry")]
    public static partial void WebhookFailed(ILogger logger, Exception exception);
}
