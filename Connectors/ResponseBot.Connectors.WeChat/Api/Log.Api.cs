using Microsoft.Extensions.Logging;

namespace ResponseBot.Connectors.WeChat;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. The WeChat connector owns
// 3000–3999; the API client, access token and customer-service sender use 3100–3199.
// Never log message text, OpenIDs, access tokens or the AppSecret here.
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Fetched a WeChat access token (force refresh: {ForceRefresh}); it expires at {ExpiresAt:O}")]
    public static partial void AccessTokenFetched(ILogger logger, bool forceRefresh, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "WeChat refused the access token on {Operation} with errcode {ErrorCode}; retrying once with a fresh token")]
    public static partial void AccessTokenRejected(ILogger logger, string operation, int errorCode);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Waited {Wait} for another caller to refresh the WeChat access token; giving up")]
    public static partial void AccessTokenLockTimedOut(ILogger logger, TimeSpan wait);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug,
        Message = "WeChat {Operation} answered errcode {ErrorCode}: {ErrorMessage}")]
    public static partial void ApiErrorCode(ILogger logger, string operation, int errorCode, string errorMessage);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "WeChat {Operation} failed: {Reason}")]
    public static partial void ApiCallFailed(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Debug, Message = "Sent customer-service message part {Part} of {Parts}")]
    public static partial void CustomerServiceSent(ILogger logger, int part, int parts);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning,
        Message = "The customer-service queue is full ({Capacity} messages); dropped {Dropped} message(s)")]
    public static partial void CustomerServiceQueueFull(ILogger logger, int capacity, int dropped);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information,
        Message = "A user's customer-service quota ({Quota} messages in {WindowHours} h) is used up; dropped {Dropped} message(s)")]
    public static partial void CustomerServiceQuotaUsed(ILogger logger, int quota, double windowHours, int dropped);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information,
        Message = "WeChat refused customer-service messages to a user with errcode {ErrorCode}; the rest for that user are dropped, not retried")]
    public static partial void CustomerServiceRefused(ILogger logger, int errorCode);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning,
        Message = "A customer-service send failed ({Reason}); attempt {Attempt} of {MaxAttempts}, next in {Delay}")]
    public static partial void CustomerServiceRetrying(ILogger logger, string reason, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Error,
        Message = "A customer-service message was not delivered after {Attempts} attempt(s): {Reason}")]
    public static partial void CustomerServiceFailed(ILogger logger, int attempts, string reason);

    [LoggerMessage(EventId = 3116, Level = LogLevel.Warning,
        Message = "Shutting down with {Count} customer-service message(s) still queued; they are not sent")]
    public static partial void CustomerServiceUndelivered(ILogger logger, int count);

    [LoggerMessage(EventId = 3117, Level = LogLevel.Warning,
        Message = "WeChat__AppId or WeChat__AppSecret is not set: replies that miss the deadline or exceed 2048 bytes cannot be sent as customer-service messages")]
    public static partial void CustomerServiceUnavailable(ILogger logger);

    [LoggerMessage(EventId = 3118, Level = LogLevel.Error, Message = "A customer-service send failed unexpectedly")]
    public static partial void CustomerServiceUnexpected(ILogger logger, Exception exception);
}
