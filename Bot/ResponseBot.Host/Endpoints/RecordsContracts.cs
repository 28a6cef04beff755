using System.ComponentModel;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Host.Endpoints;

/// <summary>One line of the conversation behind a work order.</summary>
internal sealed record TranscriptLineResponse(
    [property: Description("When it was said.")] DateTimeOffset At,
    [property: Description("true for the user's line, false for the bot's.")] bool FromUser,
    [property: Description("The line, personal data masked.")] string Text);

/// <summary>A work order (工单) as the handling department sees it.</summary>
internal sealed record WorkOrderResponse(
    [property: Description("Readable id, e.g. WO-20261127-0001.")] string Id,
    [property: Description("The channel it came from, e.g. wechat.")] string Channel,
    [property: Description("The channel's user id, to answer through the channel; empty once the user has left.")] string UserId,
    [property: Description("The department code from taxonomy.json.")] string Department,
    [property: Description("requested (the user asked for a person) or repeated_fallback (no answer several times).")] HandoffReason Reason,
    [property: Description("The question left unanswered, personal data masked.")] string Question,
    [property: Description("The conversation so far, oldest first, personal data masked.")] IReadOnlyList<TranscriptLineResponse> Transcript,
    [property: Description("Phone numbers the user gave: masked in listings, whole for a single order.")] IReadOnlyList<string> Contacts,
    [property: Description("open or closed.")] WorkOrderStatus Status,
    [property: Description("When the order was created.")] DateTimeOffset CreatedAt)
{
    /// <summary>The order with its contacts as stored, or masked for a listing that many people see.</summary>
    public static WorkOrderResponse From(WorkOrder order, bool maskContacts) => new(
        order.Id,
        order.Channel,
        order.UserId,
        order.Department,
        order.Reason,
        order.Question,
        [.. order.Transcript.Select(l => new TranscriptLineResponse(l.At, l.FromUser, l.Text))],
        maskContacts ? [.. order.Contacts.Select(PersonalData.Mask)] : order.Contacts,
        order.Status,
        order.CreatedAt);
}

/// <summary>Work orders, newest first.</summary>
internal sealed record WorkOrderList(int Count, IReadOnlyList<WorkOrderResponse> Orders);

/// <summary>A user's verdict on one answer.</summary>
internal sealed record FeedbackResponse(
    [property: Description("The channel it came from.")] string Channel,
    [property: Description("The channel's user id.")] string UserId,
    [property: Description("The entry that was answered.")] string EntryId,
    [property: Description("The version of the entry that was shown, when known.")] int? EntryVersion,
    [property: Description("true for 满意, false for 不满意.")] bool Satisfied,
    [property: Description("When the verdict arrived.")] DateTimeOffset At)
{
    public static FeedbackResponse From(Feedback feedback) => new(
        feedback.Channel, feedback.UserId, feedback.EntryId, feedback.EntryVersion, feedback.Satisfied, feedback.At);
}

/// <summary>Verdicts, newest first.</summary>
internal sealed record FeedbackList(int Count, IReadOnlyList<FeedbackResponse> Feedback);

/// <summary>The verdicts on one entry, summed.</summary>
internal sealed record FeedbackSummaryResponse(
    [property: Description("The entry.")] string EntryId,
    [property: Description("How many said 满意.")] int Satisfied,
    [property: Description("How many said 不满意.")] int Dissatisfied,
    [property: Description("Satisfied + dissatisfied.")] int Total);

/// <summary>Verdicts per entry, most dissatisfied first: where editors should look first.</summary>
internal sealed record FeedbackSummaryList(int Count, IReadOnlyList<FeedbackSummaryResponse> Entries);

/// <summary>One handled message and the reply it got.</summary>
internal sealed record InteractionResponse(
    [property: Description("The delivery's id; one record per message.")] string Id,
    [property: Description("The channel it came from.")] string Channel,
    [property: Description("The channel's user id.")] string UserId,
    [property: Description("When it was handled.")] DateTimeOffset At,
    [property: Description("What arrived: text, subscribe, menu, unsupported…")] InboundKind Inbound,
    [property: Description("The user's words, personal data masked.")] string Text,
    [property: Description("Which part of the dialogue replied: answer, clarify, fallback, handoff…")] ReplyKind Reply,
    [property: Description("What the user was told, personal data masked.")] string ReplyText,
    [property: Description("The entry that answered or was the best match.")] string? EntryId,
    [property: Description("The best match's calibrated 0–1 score, when the knowledge base was searched.")] double? Score,
    [property: Description("The department code the reply named.")] string? Department,
    [property: Description("How long the turn took.")] int ElapsedMilliseconds,
    [property: Description("negative, neutral or positive, when the message was analysed as an inquiry.")] string? Sentiment,
    [property: Description("The hot-topic code found in it, if any.")] string? Topic,
    [property: Description("The department code the inquiry was routed to, when analysed.")] string? RoutedTo)
{
    public static InteractionResponse From(Interaction interaction) => new(
        interaction.Id, interaction.Channel, interaction.UserId, interaction.At, interaction.Inbound, interaction.Text,
        interaction.Reply, interaction.ReplyText, interaction.EntryId, interaction.Score, interaction.Department,
        interaction.ElapsedMilliseconds, interaction.Sentiment, interaction.Topic, interaction.RoutedTo);
}

/// <summary>Interactions, newest first.</summary>
internal sealed record InteractionList(int Count, IReadOnlyList<InteractionResponse> Interactions);
