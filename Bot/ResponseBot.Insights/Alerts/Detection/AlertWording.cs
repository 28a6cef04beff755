using System.Globalization;
using ResponseBot.Bot.Privacy;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>Small pieces the detectors' Chinese titles and evidence share.</summary>
internal static class AlertWording
{
    /// <summary>Sample inquiries kept in an alert's evidence.</summary>
    public const int MaxSamples = 5;

    /// <summary>The hot topic's Chinese name, or the code when the taxonomy does not know it.</summary>
    public static string TopicName(IReadOnlyDictionary<string, string> topicNames, string? topic) =>
        topic is null ? "未分类" : topicNames.TryGetValue(topic, out var name) ? name : topic;

    /// <summary>"1小时", "3小时", "30分钟".</summary>
    public static string Window(int minutes) =>
        minutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}小时")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}分钟");

    /// <summary>The inquiry as evidence, masked again in case a caller passed raw text.</summary>
    public static AlertSample Sample(InquirySignal signal) =>
        new(signal.At, signal.Channel, PersonalData.Mask(signal.Text), signal.NegativeProbability);

    /// <summary>
    /// Evidence that accumulates one inquiry at a time (escalations, very negative inquiries): the previous evidence
    /// goes on while it is younger than <paramref name="period"/>, otherwise a new episode starts with this inquiry.
    /// </summary>
    public static AlertEvidence Accumulate(
        AlertEvidence? previous, InquirySignal signal, IReadOnlyList<string> terms, double? statistic, string statisticName,
        TimeSpan period)
    {
        var sample = Sample(signal);
        if (previous is null || previous.WindowStart < signal.At - period)
        {
            return new AlertEvidence(1, null, statistic, statisticName, signal.At, signal.At, [], [sample], terms);
        }

        var mergedTerms = previous.Terms.Concat(terms).Distinct(StringComparer.Ordinal).ToList();
        var best = statistic is { } s && previous.Statistic is { } p ? Math.Max(s, p) : statistic ?? previous.Statistic;
        return new AlertEvidence(
            previous.Count + 1, null, best, statisticName, previous.WindowStart,
            signal.At > previous.WindowEnd ? signal.At : previous.WindowEnd, [],
            previous.Samples.Prepend(sample).Take(MaxSamples).ToList(), mergedTerms);
    }

    /// <summary>Whether hot-topic alerts apply: the inquiry has a hot topic (not <c>none</c> or <c>all</c>).</summary>
    public static bool IsHotTopic(string? topic) => topic is { Length: > 0 } and not "none" and not "all";
}
