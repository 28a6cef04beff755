using ResponseBot.Bot.Answering;

namespace ResponseBot.Bot.Turns;

/// <summary>Which part of the dialogue produced a reply; reported in records and used by channels to pick a rendering.</summary>
public enum ReplyKind
{
    /// <summary>An entry's answer, with its follow-up prompts as numbered choices.</summary>
    Answer,

    /// <summary>"您是想问：1. … 2. …": the user replies with a number or new words.</summary>
    Clarify,

    /// <summary>No answer: says so, names the department, offers 转人工.</summary>
    Fallback,

    /// <summary>A work order was created and the user is told what happens next.</summary>
    Handoff,

    /// <summary>Thanks for 满意 / 不满意.</summary>
    Feedback,

    /// <summary>A greeting, thanks, or "你是谁" answered kindly.</summary>
    SmallTalk,

    /// <summary>The welcome on subscribe.</summary>
    Welcome,

    /// <summary>The entries behind a menu button, as numbered choices.</summary>
    Menu,

    /// <summary>A polite reply to something the bot cannot read.</summary>
    Unsupported,

    /// <summary>The user sends faster than the rate limit allows.</summary>
    RateLimited,

    /// <summary>The turn failed; the user is asked to try again.</summary>
    Error,

    /// <summary>Nothing to say (unsubscribe, an ignored event, a retry of a message already handled).</summary>
    Silent,
}

/// <summary>What the bot says back, independent of the channel that renders it.</summary>
/// <param name="Kind">Which part of the dialogue produced it.</param>
/// <param name="Text">The whole text to show; empty for <see cref="ReplyKind.Silent"/>.</param>
public sealed record BotReply(ReplyKind Kind, string Text)
{
    /// <summary>A reply that says nothing: channels answer with their "received, no reply" form.</summary>
    public static BotReply Silent { get; } = new(ReplyKind.Silent, string.Empty);

    /// <summary>The numbered choices in <see cref="Text"/>, if any.</summary>
    public IReadOnlyList<ReplyChoice> Choices { get; init; } = [];

    /// <summary>The entry that answered, when one did.</summary>
    public string? EntryId { get; init; }

    /// <summary>Who owns the matter, when known.</summary>
    public DepartmentRef? Department { get; init; }

    /// <summary>The work order created by a hand-off.</summary>
    public string? WorkOrderId { get; init; }

    /// <summary>The knowledge-base result behind the reply, when the turn searched it.</summary>
    public KnowledgeReply? Knowledge { get; init; }
}
