using ResponseBot.Insights.Alerts;

namespace ResponseBot.Integration.Tests.AlertsApi;

/// <summary>Drafts as the detectors write them, with numbers a test chooses.</summary>
internal static class AlertDrafts
{
    public static AlertDraft Spike(string topic, int count, DateTimeOffset at, string? key = null) => new(
        AlertKind.Spike,
        key ?? $"spike:{topic}:{Guid.NewGuid():N}",
        topic,
        "auto",
        $"新能源汽车：1小时内负面咨询 {count} 条，基线 2.1 条",
        $"过去一小时负面咨询 {count} 条，明显高于同时段基线 2.1 条（泊松 z=7.9）。",
        new AlertEvidence(
            count,
            2.1,
            7.9,
            "poisson-z",
            at.AddHours(-1),
            at,
            [new SeriesPoint(at.AddHours(-2), 10, 2), new SeriesPoint(at.AddHours(-1), 30, count)],
            [new AlertSample(at.AddMinutes(-5), "wechat", "充电桩补贴迟迟不到账，电话138****5678打不通", 0.96f)],
            []));

    public static AlertDraft Escalation(string topic, DateTimeOffset at) => new(
        AlertKind.Escalation,
        $"escalation:{Guid.NewGuid():N}",
        topic,
        "sme",
        "中小企业：咨询中出现“曝光”“媒体”",
        "一条负面咨询提到要向媒体曝光。",
        new AlertEvidence(1, null, null, string.Empty, at, at, [], [new AlertSample(at, "hotline", "再不解决就找媒体曝光", 0.91f)], ["曝光", "媒体"]));

    public static AlertDraft Repeats(DateTimeOffset at) => new(
        AlertKind.Repeats,
        $"repeats:{Guid.NewGuid():N}",
        null,
        null,
        "同一用户 24 小时内投诉 3 次",
        "同一用户 24 小时内第 3 次提出负面咨询。",
        new AlertEvidence(3, null, null, string.Empty, at.AddHours(-24), at, [], [], []));
}
