using Microsoft.Extensions.Logging;
using ResponseBot.Insights.Alerts.Delivery;

namespace ResponseBot.Insights;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. Insights owns 4000–4999; the
// alert feed and its delivery use 4200–4299. Never log alert texts, samples, names of people or the webhook address
// (it holds the robot's key) here; alert ids and revisions are fine.
internal static partial class Log
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Following the alert feed from its latest change (feed empty: {Empty})")]
    public static partial void AlertFeedStarted(ILogger logger, bool empty);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "Could not read the alert feed; trying again")]
    public static partial void AlertFeedReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Reading the alert feed again")]
    public static partial void AlertFeedRecovered(ILogger logger);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning,
        Message = "Could not read the alert feed after a reader's cursor; it follows new changes only")]
    public static partial void AlertFeedReplayFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information,
        Message = "Telling alerts to the WeCom group robot (links to the alerts page: {WithLinks})")]
    public static partial void WeComFollowing(ILogger logger, bool withLinks);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information,
        Message = "Told alert {AlertId} revision {Revision} ({Reason}) to the WeCom group on attempt {Attempt}")]
    public static partial void WeComSent(ILogger logger, string alertId, int revision, WeComReason reason, int attempt);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning,
        Message = "WeCom did not take alert {AlertId} revision {Revision}: {Error}; attempt {Attempt} of {MaxAttempts}, retrying in {Delay}")]
    public static partial void WeComRetrying(
        ILogger logger, string alertId, int revision, string error, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Error,
        Message = "Alert {AlertId} revision {Revision} was not told to the WeCom group after {Attempts} attempt(s): {Error}")]
    public static partial void WeComNotDelivered(ILogger logger, string alertId, int revision, int attempts, string error);

    [LoggerMessage(EventId = 4214, Level = LogLevel.Debug,
        Message = "Alert {AlertId} revision {Revision} is told by another instance")]
    public static partial void WeComClaimedElsewhere(ILogger logger, string alertId, int revision);

    [LoggerMessage(EventId = 4215, Level = LogLevel.Error,
        Message = "Telling alert {AlertId} revision {Revision} to the WeCom group failed unexpectedly")]
    public static partial void WeComUnexpected(ILogger logger, string alertId, int revision, Exception exception);
}
