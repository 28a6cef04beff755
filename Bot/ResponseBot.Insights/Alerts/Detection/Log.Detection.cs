using Microsoft.Extensions.Logging;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. The alert detectors and their
// monitor use 4150–4199. Never log inquiry text or user ids here: alert keys hold pseudonyms and topic codes only.
internal static partial class Log
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Warning,
        Message = "Watching an inquiry for alerts failed; the conversation goes on without it")]
    public static partial void ObserveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Information,
        Message = "Alert {AlertId} {Change}: {Kind} {Key}, revision {Revision}, count {Count}")]
    public static partial void AlertPublished(
        ILogger logger, string alertId, AlertChangeKind change, AlertKind kind, string key, int revision, int count);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Warning,
        Message = "Alerts:WindowMinutes {WindowMinutes} is not a whole number of {BucketMinutes}-minute statistics buckets; using {Buckets} bucket(s)")]
    public static partial void WindowRounded(ILogger logger, int windowMinutes, double bucketMinutes, int buckets);
}
