using ResponseBot.Bot.Answering;

namespace ResponseBot.Bot.State;

/// <summary>Identifies one user's conversation on one channel.</summary>
/// <param name="Channel">The channel's short name.</param>
/// <param name="UserId">The channel's user id.</param>
public readonly record struct ConversationKey(string Channel, string UserId);

/// <summary>
/// What the bot remembers between two messages of one user: enough to read "2" or "满意" correctly. It lives for
/// <c>Bot:ConversationTtlMinutes</c> after the last message and is then forgotten.
/// </summary>
public sealed record ConversationState
{
    /// <summary>The numbered choices last offered (clarification, follow-ups or a menu); a number picks one.</summary>
    public IReadOnlyList<ReplyChoice> Choices { get; init; } = [];

    /// <summary>The entry last answered, for feedback.</summary>
    public string? LastEntryId { get; init; }

    /// <summary>The version of <see cref="LastEntryId"/> that was shown.</summary>
    public int? LastEntryVersion { get; init; }

    /// <summary>Whether the last reply was an answer still waiting for 满意 / 不满意.</summary>
    public bool AwaitingFeedback { get; init; }

    /// <summary>Fallbacks in a row; enough of them hand the user to a person.</summary>
    public int FallbacksInARow { get; init; }

    /// <summary>The department code of the best match so far, for a hand-off.</summary>
    public string? Department { get; init; }

    /// <summary>The last question the knowledge base was asked, masked: what a hand-off is about.</summary>
    public string? LastQuestion { get; init; }

    /// <summary>
    /// Phone numbers the user gave in this conversation, unmasked, for the work order's department to call back.
    /// They expire with the state.
    /// </summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>The work order this conversation was handed off with, so a second 转人工 does not open another.</summary>
    public string? WorkOrderId { get; init; }

    /// <summary>When the state was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
