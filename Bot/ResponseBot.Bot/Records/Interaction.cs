using ResponseBot.Bot.Turns;

namespace ResponseBot.Bot.Records;

/// <summary>
/// One handled message and the reply it got, kept for editors (unanswered questions become entries) and for
/// reports. Text is masked before it is stored.
/// </summary>
/// <param name="Id">The delivery's deduplication key: one record per message, however often it was delivered.</param>
/// <param name="Channel">The channel's short name.</param>
/// <param name="UserId">The channel's user id.</param>
/// <param name="At">When the message was handled.</param>
/// <param name="Inbound">What arrived.</param>
/// <param name="Text">The user's words, personal data masked.</param>
/// <param name="Reply">Which part of the dialogue answered.</param>
/// <param name="ReplyText">What the user was told, personal data masked.</param>
/// <param name="EntryId">The entry that answered or was the best match.</param>
/// <param name="Score">The best match's calibrated score, when the knowledge base was searched.</param>
/// <param name="Department">The department code the reply named.</param>
/// <param name="ElapsedMilliseconds">How long the turn took.</param>
/// <param name="Sentiment">negative / neutral / positive, when the message was analysed as an inquiry.</param>
/// <param name="Topic">The hot-topic code the analysis found, when it found one.</param>
/// <param name="RoutedTo">The department code the inquiry was routed to, when it was analysed.</param>
public sealed record Interaction(
    string Id,
    string Channel,
    string UserId,
    DateTimeOffset At,
    InboundKind Inbound,
    string Text,
    ReplyKind Reply,
    string ReplyText,
    string? EntryId,
    double? Score,
    string? Department,
    int ElapsedMilliseconds,
    string? Sentiment = null,
    string? Topic = null,
    string? RoutedTo = null);

/// <summary>A user's verdict on one answer.</summary>
/// <param name="Channel">The channel's short name.</param>
/// <param name="UserId">The channel's user id.</param>
/// <param name="EntryId">The entry that was answered.</param>
/// <param name="EntryVersion">The version shown, when known.</param>
/// <param name="Satisfied">满意 (<see langword="true"/>) or 不满意.</param>
/// <param name="At">When the verdict arrived.</param>
public sealed record Feedback(string Channel, string UserId, string EntryId, int? EntryVersion, bool Satisfied, DateTimeOffset At);

/// <summary>Feedback on one entry, summed.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Satisfied">How many said 满意.</param>
/// <param name="Dissatisfied">How many said 不满意.</param>
public sealed record FeedbackSummary(string EntryId, int Satisfied, int Dissatisfied);

/// <summary>Why a conversation was handed to a person.</summary>
public enum HandoffReason
{
    /// <summary>The user asked for a person (人工 / 转人工).</summary>
    Requested,

    /// <summary>The knowledge base had no answer several times in a row.</summary>
    RepeatedFallback,
}

/// <summary>Where a work order stands.</summary>
public enum WorkOrderStatus
{
    /// <summary>Created, not yet taken up by the department.</summary>
    Open,

    /// <summary>The department has answered the user.</summary>
    Closed,
}

/// <summary>One line of the conversation that led to a work order.</summary>
/// <param name="At">When it was said.</param>
/// <param name="FromUser">The user's line (<see langword="true"/>) or the bot's.</param>
/// <param name="Text">The line, personal data masked.</param>
public sealed record TranscriptLine(DateTimeOffset At, bool FromUser, string Text);

/// <summary>
/// A hand-off to the department that owns the matter (工单). The transcript is masked; the contact numbers the user
/// gave are kept whole because the department needs them to call back, and are masked wherever orders are listed.
/// </summary>
/// <param name="Id">Readable, unique id, e.g. <c>WO-20261127-0001</c>.</param>
/// <param name="Channel">The channel's short name.</param>
/// <param name="UserId">The channel's user id, to answer through the channel.</param>
/// <param name="Department">The department code from taxonomy.json.</param>
/// <param name="Reason">Why the hand-off happened.</param>
/// <param name="Question">The question that is left unanswered, masked.</param>
/// <param name="Transcript">The conversation so far, oldest first, masked.</param>
/// <param name="Contacts">Phone numbers the user gave in the conversation, unmasked.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="CreatedAt">When the order was created.</param>
public sealed record WorkOrder(
    string Id,
    string Channel,
    string UserId,
    string Department,
    HandoffReason Reason,
    string Question,
    IReadOnlyList<TranscriptLine> Transcript,
    IReadOnlyList<string> Contacts,
    WorkOrderStatus Status,
    DateTimeOffset CreatedAt);
