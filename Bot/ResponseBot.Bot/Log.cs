using Microsoft.Extensions.Logging;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Bot;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. The Bot core owns 2000–2999.
// Never log message text or user ids here: they may carry personal data.
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "No confident answer on {Channel}; best score {BestScore:F2}")]
    public static partial void NoAnswer(ILogger logger, string channel, double bestScore);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Replied on {Channel} with {Tier}; best score {BestScore:F2}, entry {EntryId}")]
    public static partial void Replied(ILogger logger, string channel, AnswerTier tier, double bestScore, string? entryId);
}
