using System.Globalization;
using ResponseBot.Bot.Turns;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat;

/// <summary>Turns a 公众号 message into the bot's <see cref="InboundMessage"/>: the WeChat dialect stops here.</summary>
internal static class WeChatTranslator
{
    public const string Channel = "wechat";

    /// <summary>Translates <paramref name="message"/>; <paramref name="menuEntries"/> resolves a CLICK key to entry ids.</summary>
    public static InboundMessage ToInbound(WeChatInbound message, Func<string, IReadOnlyList<string>> menuEntries)
    {
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(message.CreateTime, 0, 253402300799));
        var type = message.MsgType?.ToLowerInvariant() ?? string.Empty;
        if (type == "event")
        {
            return FromEvent(message, sentAt, menuEntries);
        }

        // WeChat's MsgId is unique per account only in practice; the bot keys deliveries by user as well.
        var id = message.MsgId is { } msgId
            ? "msg:" + msgId.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"msg:{message.CreateTime}:{type}");
        return type switch
        {
            "text" => Inbound(message, id, InboundKind.Text, message.Content ?? string.Empty, sentAt),
            // Speech comes as text only when the account has 接收语音识别结果 on, and not always then.
            "voice" when !string.IsNullOrWhiteSpace(message.Recognition) => Inbound(message, id, InboundKind.Text, message.Recognition, sentAt),
            _ => Inbound(message, id, InboundKind.Unsupported, string.Empty, sentAt) with { Media = type.Length == 0 ? "unknown" : type },
        };
    }

    private static InboundMessage FromEvent(WeChatInbound message, DateTimeOffset sentAt, Func<string, IReadOnlyList<string>> menuEntries)
    {
        var name = message.Event ?? string.Empty;
        var key = message.EventKey ?? string.Empty;
        // Events have no MsgId; WeChat's own advice is FromUserName + CreateTime, and the event and key tell apart
        // the several events one second can carry (a repeated unsubscribe, a scan and a subscribe).
        var id = string.Create(CultureInfo.InvariantCulture, $"event:{message.CreateTime}:{name}:{key}");
        return name.ToLowerInvariant() switch
        {
            "subscribe" => Inbound(message, id, InboundKind.Subscribe, string.Empty, sentAt),
            "unsubscribe" => Inbound(message, id, InboundKind.Unsubscribe, string.Empty, sentAt),
            "click" => Inbound(message, id, InboundKind.Menu, string.Empty, sentAt) with { EntryIds = menuEntries(key) },
            // SCAN (a follower scanned a code), VIEW (a menu link opened), LOCATION (reported every few seconds) and
            // anything new need no reply.
            _ => Inbound(message, id, InboundKind.Ignored, string.Empty, sentAt),
        };
    }

    private static InboundMessage Inbound(WeChatInbound message, string id, InboundKind kind, string text, DateTimeOffset sentAt) =>
        new(Channel, message.FromUserName ?? string.Empty, id, kind, text, sentAt);
}
