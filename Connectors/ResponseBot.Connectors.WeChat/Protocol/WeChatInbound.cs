namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>
/// The fields we read from a message or event WeChat posts to us (<see cref="WeChatXml.Parse(string)"/>). Element
/// names are WeChat's; only direct children of <c>&lt;xml&gt;</c> are read, and everything else is ignored.
/// </summary>
/// <remarks>
/// <para>
/// The header fields are never <see langword="null"/>: an absent one reads as <c>""</c> (or 0). They are absent in the
/// safe-mode envelope, which carries only <see cref="ToUserName"/> and <see cref="Encrypt"/>; decrypt it and parse
/// the result for the real message. The other fields are <see langword="null"/> when the element is absent.
/// </para>
/// <para>
/// Values are as WeChat sent them: <see cref="MsgType"/> is lowercase (<c>text</c>, <c>image</c>, <c>voice</c>,
/// <c>location</c>, <c>event</c>, …) but <see cref="Event"/> mixes cases (<c>subscribe</c>, <c>SCAN</c>,
/// <c>CLICK</c>, <c>VIEW</c>), so compare it ignoring case. An unknown <see cref="MsgType"/> is not an error.
/// </para>
/// </remarks>
public sealed record WeChatInbound
{
    /// <summary>Our account's original ID (<c>gh_…</c>); the <c>fromUser</c> of a reply.</summary>
    public string ToUserName { get; init; } = string.Empty;

    /// <summary>The sender's OpenID; the <c>toUser</c> of a reply. Personal data: never log it.</summary>
    public string FromUserName { get; init; } = string.Empty;

    /// <summary>When WeChat received the message, in Unix seconds.</summary>
    public long CreateTime { get; init; }

    /// <summary><c>text</c>, <c>image</c>, <c>voice</c>, <c>video</c>, <c>location</c>, <c>link</c>, <c>event</c>, …</summary>
    public string MsgType { get; init; } = string.Empty;

    /// <summary>The message ID; events have none (deduplicate those by sender and <see cref="CreateTime"/>).</summary>
    public long? MsgId { get; init; }

    /// <summary>The text of a <c>text</c> message. Personal data: never log it.</summary>
    public string? Content { get; init; }

    /// <summary>The speech recognised in a <c>voice</c> message, when the account has recognition switched on.</summary>
    public string? Recognition { get; init; }

    /// <summary>The media of an <c>image</c>, <c>voice</c> or <c>video</c> message.</summary>
    public string? MediaId { get; init; }

    /// <summary>The audio format of a <c>voice</c> message (<c>amr</c>, <c>speex</c>).</summary>
    public string? Format { get; init; }

    /// <summary>The picture of an <c>image</c> message.</summary>
    public string? PicUrl { get; init; }

    /// <summary>The event of an <c>event</c> message: <c>subscribe</c>, <c>unsubscribe</c>, <c>SCAN</c>, <c>CLICK</c>, <c>VIEW</c>, …</summary>
    public string? Event { get; init; }

    /// <summary>The menu key of a <c>CLICK</c>, the URL of a <c>VIEW</c>, or <c>qrscene_…</c> of a scan.</summary>
    public string? EventKey { get; init; }

    /// <summary>The QR-code ticket of a scan.</summary>
    public string? Ticket { get; init; }

    /// <summary>The link of a <c>link</c> message.</summary>
    public string? Url { get; init; }

    /// <summary>The title of a <c>link</c> message.</summary>
    public string? Title { get; init; }

    /// <summary>The latitude of a <c>location</c> message (<c>Location_X</c>).</summary>
    public double? LocationX { get; init; }

    /// <summary>The longitude of a <c>location</c> message (<c>Location_Y</c>).</summary>
    public double? LocationY { get; init; }

    /// <summary>The place name of a <c>location</c> message.</summary>
    public string? Label { get; init; }

    /// <summary>The encrypted copy of the message (compatible and safe mode); open it with <see cref="WeChatCrypto.Decrypt"/>.</summary>
    public string? Encrypt { get; init; }

    /// <summary>Describes the message without its text or the sender, so that it is safe to log.</summary>
    public override string ToString() =>
        $"WeChatInbound {{ MsgType = {MsgType}, Event = {Event}, MsgId = {MsgId}, CreateTime = {CreateTime}, Encrypted = {Encrypt is not null} }}";
}
