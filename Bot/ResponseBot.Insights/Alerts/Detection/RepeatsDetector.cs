using System.Globalization;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// The same user (by pseudonym) or the same company with <see cref="AlertsOptions.RepeatThreshold"/> or more negative
/// inquiries within <see cref="AlertsOptions.RepeatHours"/>: someone whose matter is not being resolved.
/// </summary>
internal sealed class RepeatsDetector(AlertsOptions options, IReadOnlyDictionary<string, string> topicNames)
{
    /// <summary>The alert when <paramref name="complaints"/> reaches the threshold; otherwise <see langword="null"/>.</summary>
    /// <param name="signal">The newest inquiry (it is counted in <paramref name="complaints"/>).</param>
    /// <param name="company">The company counted, or <see langword="null"/> for the user.</param>
    /// <param name="complaints">Negative inquiries by the subject (or company) in the period.</param>
    /// <param name="samples">Their newest few, masked.</param>
    public AlertDraft? Detect(InquirySignal signal, string? company, int complaints, IReadOnlyList<AlertSample> samples)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(samples);
        if (complaints < options.RepeatThreshold)
        {
            return null;
        }

        var hours = options.RepeatHours;
        var who = company is null ? "同一用户" : "同一企业";
        var topic = AlertWording.IsHotTopic(signal.Topic) ? signal.Topic : null;
        var about = topic is null ? "" : $"（{AlertWording.TopicName(topicNames, topic)}）";
        var title = string.Create(CultureInfo.InvariantCulture, $"{who}{hours}小时内负面咨询 {complaints} 次{about}");
        var summary = company is null
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"用户 {signal.Subject} 在 {hours} 小时内提出负面咨询 {complaints} 条（阈值 {options.RepeatThreshold} 条），诉求可能未得到解决。")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"企业“{company}”在 {hours} 小时内被 {complaints} 条负面咨询提及（阈值 {options.RepeatThreshold} 条），诉求可能未得到解决。");
        var evidence = new AlertEvidence(
            complaints, null, null, "", signal.At - TimeSpan.FromHours(hours), signal.At, [],
            samples.Take(AlertWording.MaxSamples).ToList(), []);
        var key = company is null ? AlertKeys.RepeatsBySubject(signal.Subject) : AlertKeys.RepeatsByCompany(company);
        return new AlertDraft(AlertKind.Repeats, key, topic, signal.Department, title, summary, evidence);
    }
}
