namespace ResponseBot.Bot.Turns;

/// <summary>What arrived, in channel-neutral terms.</summary>
public enum InboundKind
{
    /// <summary>Words to answer: typed text, or recognised speech.</summary>
    Text,

    /// <summary>The user followed the account: say hello.</summary>
    Subscribe,

    /// <summary>The user left: forget what we keep about them.</summary>
    Unsubscribe,

    /// <summary>A menu button that stands for a list of entries (<see cref="InboundMessage.EntryIds"/>).</summary>
    Menu,

    /// <summary>Something we cannot read (an image, a location, speech without recognition…): answer politely.</summary>
    Unsupported,

    /// <summary>A channel event that needs no reply (a link opened from the menu, a scan by a follower…).</summary>
    Ignored,
}

/// <summary>
/// One message from one user on one channel, after the connector has verified and translated it. Every channel
/// speaks to the bot in this shape, and only in this shape.
/// </summary>
/// <param name="Channel">The channel's short name, e.g. <c>wechat</c>; part of every state and record key.</param>
/// <param name="UserId">The channel's id of the sender (a WeChat OpenID). Not personal data by itself, but never logged.</param>
/// <param name="MessageId">
/// The channel's id of this delivery, the same on every retry of it, so that one message is handled once.
/// </param>
/// <param name="Kind">What arrived.</param>
/// <param name="Text">The words for <see cref="InboundKind.Text"/>; otherwise empty.</param>
/// <param name="SentAt">When the channel says the user sent it.</param>
public sealed record InboundMessage(
    string Channel, string UserId, string MessageId, InboundKind Kind, string Text, DateTimeOffset SentAt)
{
    /// <summary><see cref="InboundKind.Menu"/>: the entries the button stands for, in order.</summary>
    public IReadOnlyList<string> EntryIds { get; init; } = [];

    /// <summary><see cref="InboundKind.Unsupported"/>: what arrived instead, e.g. <c>image</c>, <c>voice</c>, <c>location</c>.</summary>
    public string? Media { get; init; }
}
