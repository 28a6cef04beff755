using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Connectors.WeChat;

/// <summary>How the 公众号 server sends messages: 明文, 兼容 or 安全 mode.</summary>
public enum WeChatMode
{
    /// <summary>明文模式: plaintext XML.</summary>
    Plain,

    /// <summary>兼容模式: plaintext fields and the encrypted copy; we read the encrypted one and reply encrypted.</summary>
    Compatible,

    /// <summary>安全模式: only the encrypted copy; replies are encrypted.</summary>
    Safe,
}

/// <summary>
/// The <c>WeChat</c> section. Secrets (<see cref="Token"/>, <see cref="EncodingAESKey"/>, <see cref="AppSecret"/>)
/// come from environment variables such as <c>WeChat__Token</c>, never from the repository.
/// </summary>
public sealed class WeChatOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WeChat";

    /// <summary>Whether <c>/wechat</c> is served at all; off until the account is configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Token set in the 公众号 admin console; signs every request.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The 43-character EncodingAESKey; needed in compatible and safe mode.</summary>
    public string EncodingAESKey { get; set; } = string.Empty;

    /// <summary>The account's AppID (wx…); the tail of every encrypted message.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The AppSecret, for access tokens (客服 messages, the menu).</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary><c>plain</c>, <c>compatible</c> or <c>safe</c>.</summary>
    public WeChatMode Mode { get; set; } = WeChatMode.Safe;

    /// <summary>The WeChat API; tests point it at a local fake.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    /// <summary>
    /// How long a message may take before we answer <c>success</c> and send the reply as a 客服 message instead.
    /// WeChat gives up after 5 s and retries.
    /// </summary>
    [Range(100, 4800)]
    public int ReplyBudgetMilliseconds { get; set; } = 4000;

    /// <summary>How far a request's timestamp may be from our clock before it is refused as a replay.</summary>
    [Range(30, 3600)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>How long a delivery is remembered for deduplication (WeChat retries within about 15 s).</summary>
    [Range(120, 86400)]
    public int DeduplicationSeconds { get; set; } = 300;

    /// <summary>The custom menu, pushed with <c>responsebot wechat menu push</c>.</summary>
    public List<WeChatMenuButton> Menu { get; set; } = [];
}

/// <summary>
/// One menu button: a <see cref="Key"/> (a CLICK that answers with <see cref="EntryIds"/> as numbered choices), a
/// <see cref="Url"/> (a VIEW), or a group of <see cref="SubButtons"/>.
/// </summary>
public sealed class WeChatMenuButton
{
    /// <summary>The label (up to 4 Chinese characters at the top level, 8 below).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The CLICK key.</summary>
    public string? Key { get; set; }

    /// <summary>The knowledge entries a CLICK offers, in order.</summary>
    public List<string> EntryIds { get; set; } = [];

    /// <summary>The page a VIEW opens.</summary>
    public string? Url { get; set; }

    /// <summary>Up to 5 buttons under a top-level one.</summary>
    public List<WeChatMenuButton> SubButtons { get; set; } = [];
}
