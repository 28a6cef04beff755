using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Tests.Alerts;

/// <summary>Hand-made inquiries for the detector and monitor tests.</summary>
internal static class Signals
{
    /// <summary>Monday 2026-11-09 10:00 China time.</summary>
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 9, 2, 0, 0, TimeSpan.Zero);

    public static InquirySignal Negative(
        DateTimeOffset at, string subject = "ab12cd34ef", string? topic = "nev", string text = "补贴迟迟不发放，到底谁负责？",
        float probability = 0.8f, string? company = null) =>
        new(at, "wechat", subject, company, text, "negative", probability, topic, "auto");

    public static InquirySignal Neutral(
        DateTimeOffset at, string subject = "ab12cd34ef", string? topic = "nev", string text = "新能源汽车推广补贴怎么申领？") =>
        new(at, "hotline", subject, null, text, "neutral", 0.1f, topic, "auto");

    public static IReadOnlyDictionary<string, string> TopicNames { get; } = new Dictionary<string, string>
    {
        ["nev"] = "新能源汽车",
        ["sme"] = "中小企业",
        ["gov_integrity"] = "政务诚信",
    };
}
