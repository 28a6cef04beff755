using System.Globalization;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// A single inquiry on a hot topic whose negative probability reaches <see cref="AlertsOptions.VeryNegativeProbability"/>:
/// one angry enterprise can be tomorrow's story before any count moves. Further ones on the same topic within
/// <see cref="AlertsOptions.RepeatHours"/> update the same alert.
/// </summary>
internal sealed class VeryNegativeDetector(AlertsOptions options, IReadOnlyDictionary<string, string> topicNames)
{
    /// <summary>The statistic of the evidence: the highest negative probability.</summary>
    public const string StatisticName = "negative-probability";

    /// <summary>The alert when the inquiry is on a hot topic and very negative; otherwise <see langword="null"/>.</summary>
    public AlertDraft? Detect(InquirySignal signal, AlertEvidence? previous)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!AlertWording.IsHotTopic(signal.Topic) || signal.NegativeProbability < options.VeryNegativeProbability)
        {
            return null;
        }

        var topic = signal.Topic!;
        var name = AlertWording.TopicName(topicNames, topic);
        var evidence = AlertWording.Accumulate(
            previous, signal, [], signal.NegativeProbability, StatisticName, TimeSpan.FromHours(options.RepeatHours));
        var highest = evidence.Statistic ?? signal.NegativeProbability;
        var title = evidence.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{name}：强烈负面咨询（负面概率 {highest:0.00}）")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{name}：{options.RepeatHours}小时内强烈负面咨询 {evidence.Count} 条（最高负面概率 {highest:0.00}）");
        var summary = evidence.Count == 1
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"一条{name}咨询的负面概率为 {signal.NegativeProbability:0.00}，达到阈值 {options.VeryNegativeProbability:0.00}。")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{options.RepeatHours} 小时内 {evidence.Count} 条{name}咨询的负面概率达到阈值 {options.VeryNegativeProbability:0.00}，" +
                $"最新一条 {signal.NegativeProbability:0.00}，最高 {highest:0.00}。");
        return new AlertDraft(
            AlertKind.VeryNegative, AlertKeys.VeryNegative(topic), topic, signal.Department, title, summary, evidence);
    }
}
