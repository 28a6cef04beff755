using ResponseBot.Insights.Alerts;

namespace ResponseBot.Host;

// The alert endpoints take 8100–8149 of the Host's 8000–8999. Alert texts and the names of the people who
// acknowledge or resolve alerts never reach these events.
internal static partial class Log
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information,
        Message = "Alert {AlertId} is now {Status} (revision {Revision})")]
    public static partial void AlertStatusChanged(ILogger logger, string alertId, AlertStatus status, int revision);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Debug,
        Message = "An alert stream opened (resuming after an earlier event: {Resuming})")]
    public static partial void AlertStreamOpened(ILogger logger, bool resuming);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Debug, Message = "An alert stream closed")]
    public static partial void AlertStreamClosed(ILogger logger);
}
