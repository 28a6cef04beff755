using Microsoft.Extensions.Logging;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Bot;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. The Bot core owns 2000–2999.
// Never log raw message text or user ids here: text only masked and at Debug, users only as a short hash.
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "No confident answer on {Channel}; best score {BestScore:F2}")]
    public static partial void NoAnswer(ILogger logger, string channel, double bestScore);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Replied on {Channel} with {Tier}; best score {BestScore:F2}, entry {EntryId}")]
    public static partial void Replied(ILogger logger, string channel, AnswerTier tier, double bestScore, string? entryId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "A {Kind} turn on {Channel} failed")]
    public static partial void TurnFailed(ILogger logger, string channel, InboundKind kind, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Duplicate delivery on {Channel} from user {User} dropped")]
    public static partial void Duplicate(ILogger logger, string channel, Pseudonym user);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "User {User} on {Channel} is over the rate limit")]
    public static partial void RateLimited(ILogger logger, string channel, Pseudonym user);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "User {User} on {Channel}: the previous message still holds the user's lock after {WaitSeconds} s")]
    public static partial void LockTimeout(ILogger logger, string channel, Pseudonym user, int waitSeconds);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "{Channel} {Kind} from user {User}: {MaskedText}")]
    public static partial void Received(ILogger logger, string channel, InboundKind kind, Pseudonym user, string maskedText);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information,
        Message = "{Channel} {Kind} from user {User} answered with {Reply} in {ElapsedMs} ms")]
    public static partial void Handled(ILogger logger, string channel, InboundKind kind, Pseudonym user, ReplyKind reply, long elapsedMs);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information,
        Message = "Work order {WorkOrderId} for {Department} created on {Channel} ({Reason})")]
    public static partial void WorkOrderCreated(ILogger logger, string workOrderId, string department, string channel, HandoffReason reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "User {User} on {Channel} unsubscribed; {Records} records forgotten")]
    public static partial void UserForgotten(ILogger logger, string channel, Pseudonym user, int records);
}
