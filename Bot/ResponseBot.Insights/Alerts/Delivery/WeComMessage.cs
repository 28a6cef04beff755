using System.Globalization;
using System.Text;
using ResponseBot.Bot.Privacy;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>Why a change is told to the group.</summary>
public enum WeComReason
{
    /// <summary>A new alert.</summary>
    Raised,

    /// <summary>The alert's count reached the next power of two since it was last told (it about doubled).</summary>
    Grew,

    /// <summary>Someone resolved it.</summary>
    Resolved,
}

/// <summary>
/// The markdown message of one alert change for the WeCom group robot: Chinese, at most
/// <see cref="WeComRobotClient.MaxMarkdownBytes"/> UTF-8 bytes, sample inquiries masked (again), a link to the
/// <c>/alerts</c> page when there is one.
/// </summary>
public static class WeComMessage
{
    /// <summary>Sample inquiries shown at most.</summary>
    public const int MaxSamples = 3;

    /// <summary>Characters of one sample shown at most.</summary>
    public const int MaxSampleChars = 120;

    /// <summary>The message for <paramref name="alert"/>.</summary>
    /// <param name="alert">The alert after the change.</param>
    /// <param name="reason">Why it is told.</param>
    /// <param name="topicNames">Hot-topic code → Chinese name.</param>
    /// <param name="departmentNames">Department code → Chinese name.</param>
    /// <param name="alertsPage">The <c>/alerts</c> page, or <see langword="null"/>.</param>
    public static string Render(
        Alert alert,
        WeComReason reason,
        IReadOnlyDictionary<string, string> topicNames,
        IReadOnlyDictionary<string, string> departmentNames,
        Uri? alertsPage)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(topicNames);
        ArgumentNullException.ThrowIfNull(departmentNames);

        // Fewer samples, then a shorter summary, until it fits; the head and the link always stay.
        var summary = Plain(alert.Summary);
        for (var samples = Math.Min(MaxSamples, alert.Evidence.Samples.Count); ; samples--)
        {
            var text = Compose(alert, reason, topicNames, departmentNames, alertsPage, summary, Math.Max(samples, 0));
            if (Encoding.UTF8.GetByteCount(text) <= WeComRobotClient.MaxMarkdownBytes)
            {
                return text;
            }

            if (samples <= 0)
            {
                if (summary.Length > 40)
                {
                    summary = summary[..(summary.Length / 2)] + "…";
                    continue;
                }

                return CutUtf8(text, WeComRobotClient.MaxMarkdownBytes);
            }
        }
    }

    private static string Compose(
        Alert alert,
        WeComReason reason,
        IReadOnlyDictionary<string, string> topicNames,
        IReadOnlyDictionary<string, string> departmentNames,
        Uri? alertsPage,
        string summary,
        int samples)
    {
        var evidence = alert.Evidence;
        var text = new StringBuilder();
        var heading = reason switch
        {
            WeComReason.Raised => "<font color=\"warning\">【舆情预警】</font>",
            WeComReason.Grew => "<font color=\"warning\">【预警升级】</font>",
            _ => "<font color=\"info\">【预警已解决】</font>",
        };
        text.Append("### ").Append(heading).Append(Plain(alert.Title)).Append('\n');

        text.Append("> 类型：").Append(AlertNames.KindName(alert.Kind));
        if (alert.Topic is { } topic)
        {
            text.Append("　话题：").Append(topicNames.GetValueOrDefault(topic, topic));
        }

        if (alert.Department is { } department)
        {
            text.Append("　处室：").Append(departmentNames.GetValueOrDefault(department, department));
        }

        text.Append('\n');
        text.Append("> 编号：").Append(alert.Id)
            .Append("　状态：").Append(AlertNames.StatusName(alert.Status))
            .Append("　窗口：").Append(AlertNames.LocalTime(evidence.WindowStart))
            .Append('–').Append(AlertNames.LocalTime(evidence.WindowEnd)).Append('\n');
        if (reason == WeComReason.Resolved && alert.ResolvedAt is { } resolvedAt)
        {
            text.Append("> 解决：").Append(Plain(alert.ResolvedBy ?? string.Empty))
                .Append('，').Append(AlertNames.LocalTime(resolvedAt)).Append('\n');
        }

        text.Append('\n').Append(summary).Append('\n');
        text.Append("**证据**：计数 ").Append(evidence.Count.ToString(CultureInfo.InvariantCulture));
        if (evidence.Baseline is { } baseline)
        {
            text.Append("，基线 ").Append(baseline.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (evidence.Statistic is { } statistic)
        {
            text.Append('，').Append(evidence.StatisticName.Length > 0 ? Plain(evidence.StatisticName) : "统计量")
                .Append('=').Append(statistic.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (reason == WeComReason.Grew)
        {
            text.Append("（第 ").Append(alert.Revision.ToString(CultureInfo.InvariantCulture)).Append(" 次更新）");
        }

        text.Append('\n');
        if (evidence.Terms.Count > 0)
        {
            text.Append("**匹配词**：").AppendJoin('、', evidence.Terms.Select(Plain)).Append('\n');
        }

        if (samples > 0)
        {
            text.Append("**样例**（已脱敏）：\n");
            foreach (var sample in evidence.Samples.Take(samples))
            {
                var words = Plain(PersonalData.Mask(sample.Text));
                if (words.Length > MaxSampleChars)
                {
                    words = words[..MaxSampleChars] + "…";
                }

                text.Append("> ").Append(AlertNames.LocalTime(sample.At)).Append(' ')
                    .Append(AlertNames.ChannelName(sample.Channel)).Append('：').Append(words).Append('\n');
            }
        }

        if (alertsPage is not null)
        {
            text.Append('\n').Append('[').Append("在预警页查看").Append("](")
                .Append(alertsPage.AbsoluteUri).Append('#').Append(Uri.EscapeDataString(alert.Id)).Append(')');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Text on one line, without what WeCom's markdown would read as markup (links, font tags, headings).</summary>
    private static string Plain(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            plain.Append(c switch
            {
                '\r' or '\n' or '\t' => ' ',
                '<' => '＜',
                '>' => '＞',
                '[' => '［',
                ']' => '］',
                '#' => '＃',
                '*' => '＊',
                '`' => '｀',
                _ => c,
            });
        }

        return plain.ToString();
    }

    private static string CutUtf8(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > maxBytes)
            {
                return text[..i];
            }

            bytes += size;
            i += width - 1;
        }

        return text;
    }
}
