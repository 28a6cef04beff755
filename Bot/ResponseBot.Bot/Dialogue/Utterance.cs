using System.Globalization;
using System.Text;

namespace ResponseBot.Bot.Dialogue;

/// <summary>What kind of small talk a message is.</summary>
internal enum SmallTalk
{
    None,
    Greeting,
    Thanks,
    Identity,
    Goodbye,
}

/// <summary>
/// Reads the short, fixed replies a conversation needs besides questions: a choice number, 满意 / 不满意, 转人工,
/// greetings. Only a whole message counts ("你好，我想问专精特新怎么申报" is a question, not a greeting).
/// </summary>
internal static class Utterance
{
    private static readonly string[] HandoffPhrases =
        ["人工", "转人工", "人工客服", "人工服务", "找人工", "转接人工", "人工咨询", "要人工", "我要人工", "转人工客服", "人工坐席", "找工作人员", "转工作人员"];

    private static readonly string[] Satisfied = ["满意", "很满意", "非常满意", "挺满意", "满意了", "有用", "有帮助", "解决了", "好评"];
    private static readonly string[] Dissatisfied = ["不满意", "很不满意", "非常不满意", "不太满意", "没用", "没有用", "没帮助", "没有帮助", "没解决", "没有解决", "差评"];

    private static readonly Dictionary<string, SmallTalk> SmallTalkPhrases = new(StringComparer.Ordinal)
    {
        ["你好"] = SmallTalk.Greeting, ["您好"] = SmallTalk.Greeting, ["hi"] = SmallTalk.Greeting, ["hello"] = SmallTalk.Greeting,
        ["在吗"] = SmallTalk.Greeting, ["在不在"] = SmallTalk.Greeting, ["有人吗"] = SmallTalk.Greeting, ["早上好"] = SmallTalk.Greeting,
        ["上午好"] = SmallTalk.Greeting, ["中午好"] = SmallTalk.Greeting, ["下午好"] = SmallTalk.Greeting, ["晚上好"] = SmallTalk.Greeting,
        ["哈喽"] = SmallTalk.Greeting, ["嗨"] = SmallTalk.Greeting, ["你好在吗"] = SmallTalk.Greeting, ["您好在吗"] = SmallTalk.Greeting,
        ["谢谢"] = SmallTalk.Thanks, ["谢谢你"] = SmallTalk.Thanks, ["谢谢您"] = SmallTalk.Thanks, ["感谢"] = SmallTalk.Thanks,
        ["多谢"] = SmallTalk.Thanks, ["谢了"] = SmallTalk.Thanks, ["非常感谢"] = SmallTalk.Thanks, ["好的谢谢"] = SmallTalk.Thanks,
        ["thanks"] = SmallTalk.Thanks, ["thankyou"] = SmallTalk.Thanks, ["好的"] = SmallTalk.Thanks, ["知道了"] = SmallTalk.Thanks,
        ["明白了"] = SmallTalk.Thanks, ["收到"] = SmallTalk.Thanks, ["ok"] = SmallTalk.Thanks,
        ["你是谁"] = SmallTalk.Identity, ["您是谁"] = SmallTalk.Identity, ["你是机器人吗"] = SmallTalk.Identity, ["你是人吗"] = SmallTalk.Identity,
        ["你是真人吗"] = SmallTalk.Identity, ["你叫什么"] = SmallTalk.Identity, ["你叫什么名字"] = SmallTalk.Identity, ["你能做什么"] = SmallTalk.Identity,
        ["你会什么"] = SmallTalk.Identity, ["你是ai吗"] = SmallTalk.Identity, ["是机器人吗"] = SmallTalk.Identity,
        ["再见"] = SmallTalk.Goodbye, ["拜拜"] = SmallTalk.Goodbye, ["bye"] = SmallTalk.Goodbye,
    };

    /// <summary>
    /// The message folded for matching: NFKC (full-width digits and letters become ASCII), lower case, without
    /// spaces, punctuation and the particles people end short messages with.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                builder.Append(c);
            }
        }

        // "谢谢啦", "在吗呀", "好的哈": a trailing particle does not change what is meant.
        while (builder.Length > 1 && "啊呀吧呢哦哈啦嘛噢喔".Contains(builder[^1], StringComparison.Ordinal))
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    public static bool IsHandoffRequest(string folded) => HandoffPhrases.Contains(folded, StringComparer.Ordinal);

    /// <summary>A bare number (1–99), as a reply to numbered choices; Chinese numerals 一…九 count too.</summary>
    public static bool TryReadNumber(string folded, out int number)
    {
        number = 0;
        if (folded.Length is >= 1 and <= 2 && int.TryParse(folded, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        // "第2个", "选2"
        var trimmed = folded.TrimStart('第', '选').TrimEnd('个', '条', '项');
        if (trimmed.Length is >= 1 and <= 2 && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        var chinese = "零一二三四五六七八九".IndexOf(trimmed, StringComparison.Ordinal);
        if (trimmed.Length == 1 && chinese >= 0)
        {
            number = chinese;
            return true;
        }

        return false;
    }

    /// <summary>满意 (<see langword="true"/>), 不满意 (<see langword="false"/>), or neither.</summary>
    public static bool? ReadVerdict(string folded) =>
        Dissatisfied.Contains(folded, StringComparer.Ordinal) ? false
        : Satisfied.Contains(folded, StringComparer.Ordinal) ? true
        : null;

    public static SmallTalk ReadSmallTalk(string folded) =>
        SmallTalkPhrases.TryGetValue(folded, out var kind) ? kind : SmallTalk.None;
}
