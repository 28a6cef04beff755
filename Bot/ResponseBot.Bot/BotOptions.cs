using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Bot;

/// <summary>The <c>Bot</c> section: how conversations behave on every channel.</summary>
public sealed class BotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Bot";

    /// <summary>How long a conversation is remembered after the user's last message.</summary>
    [Range(1, 24 * 60)]
    public int ConversationTtlMinutes { get; set; } = 30;

    /// <summary>How long a delivery id is remembered, so a channel's retries are answered once.</summary>
    [Range(120, 86400)]
    public int DeduplicationSeconds { get; set; } = 300;

    /// <summary>Messages one user may send per minute; beyond it they are asked to slow down.</summary>
    [Range(1, 1000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>How long a message waits for the same user's previous one to finish.</summary>
    [Range(1, 120)]
    public int UserLockWaitSeconds { get; set; } = 10;

    /// <summary>Fallbacks in a row after which the conversation is handed to a person.</summary>
    [Range(1, 10)]
    public int HandoffAfterFallbacks { get; set; } = 2;

    /// <summary>How many recent lines of the conversation a work order carries.</summary>
    [Range(1, 100)]
    public int TranscriptLines { get; set; } = 10;

    /// <summary>The longest question searched; a longer message is asked to be shortened.</summary>
    [Range(10, 10000)]
    public int MaxQuestionChars { get; set; } = 1000;

    /// <summary>The welcome when someone follows the account.</summary>
    [Required]
    public string WelcomeText { get; set; } =
        "您好，欢迎关注市经信委！我是智能问答助手，可以解答专项资金申报、专精特新认定、技改备案、信用修复、新能源汽车等方面的问题。" +
        "请直接输入您的问题，或点击下方菜单；需要工作人员帮助时，回复“转人工”。";
}
