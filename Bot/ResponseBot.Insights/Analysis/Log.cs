using Microsoft.Extensions.Logging;

namespace ResponseBot.Insights.Analysis;

/// <summary>Log messages of the analysis step (event ids 4300–4319). Never the user's words or ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Error, Message = "Analysing an inquiry failed; the turn goes on without a reading")]
    public static partial void AnalysisFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "The alert detectors are behind: an inquiry signal was dropped ({Dropped} so far)")]
    public static partial void SignalDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "The alert detectors failed on an inquiry signal; going on with the next")]
    public static partial void ObserveFailed(ILogger logger, Exception exception);
}
