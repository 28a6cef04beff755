using System.Globalization;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// Words that say a matter is about to leave the commission's hands (曝光, 媒体, 上访, 投诉到省里…), negative or not:
/// a polite "不然只能找媒体了" matters as much as an angry one. Matched on folded text (NFKC, lower case, no spaces or
/// punctuation), so full-width digits and "投诉 到省里" still match.
/// </summary>
internal sealed class EscalationDetector
{
    /// <summary>The statistic of escalation evidence: the highest negative probability among the inquiries.</summary>
    public const string StatisticName = "negative-probability";

    private readonly AlertsOptions _options;
    private readonly IReadOnlyDictionary<string, string> _topicNames;
    private readonly (string Term, string Folded)[] _terms;

    public EscalationDetector(AlertsOptions options, IReadOnlyDictionary<string, string> topicNames)
    {
        _options = options;
        _topicNames = topicNames;
        _terms = options.EffectiveEscalationTerms
            .Select(t => (Term: t.Trim(), Folded: Fold(t)))
            .Where(t => t.Folded.Length > 0)
            .DistinctBy(t => t.Folded, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The configured terms found in <paramref name="text"/>, in list order.</summary>
    public IReadOnlyList<string> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Fold(text);
        return _terms.Where(t => folded.Contains(t.Folded, StringComparison.Ordinal)).Select(t => t.Term).ToList();
    }

    /// <summary>
    /// The alert when the inquiry has an escalation word; otherwise <see langword="null"/>. While the subject's previous
    /// escalation evidence is younger than <see cref="AlertsOptions.RepeatHours"/>, it accumulates (count, terms).
    /// </summary>
    public AlertDraft? Detect(InquirySignal signal, AlertEvidence? previous)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var terms = Match(signal.Text);
        if (terms.Count == 0)
        {
            return null;
        }

        var evidence = AlertWording.Accumulate(
            previous, signal, terms, signal.NegativeProbability, StatisticName, TimeSpan.FromHours(_options.RepeatHours));
        var topic = AlertWording.IsHotTopic(signal.Topic) ? signal.Topic : null;
        var subject = topic is null ? "咨询" : AlertWording.TopicName(_topicNames, topic) + "咨询";
        var quoted = string.Join("、", evidence.Terms.Select(t => $"“{t}”"));
        var title = $"{subject}出现升级字样：{string.Join("、", evidence.Terms)}";
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"同一用户 {evidence.Count} 条咨询中出现{quoted}，可能向媒体、上级或信访升级；最近一条情绪：{SentimentName(signal.Sentiment)}" +
            $"（负面概率 {signal.NegativeProbability:0.00}）。");
        return new AlertDraft(
            AlertKind.Escalation, AlertKeys.Escalation(signal.Subject), topic, signal.Department, title, summary, evidence);
    }

    private static string SentimentName(string sentiment) => sentiment switch
    {
        "negative" => "负面",
        "positive" => "正面",
        "neutral" => "中性",
        _ => sentiment,
    };

    private static string Fold(string text) => TextNormalizer.Fold(text).Replace(" ", "", StringComparison.Ordinal);
}
