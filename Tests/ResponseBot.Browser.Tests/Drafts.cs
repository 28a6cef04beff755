using ResponseBot.Insights.Alerts;

namespace ResponseBot.Browser.Tests;

/// <summary>Alerts as the detectors raise them, with numbers the tests choose.</summary>
internal static class Drafts
{
    public static AlertDraft Spike(DateTimeOffset at) => new(
        AlertKind.Spike,
        $"spike:nev:{Guid.NewGuid():N}",
        "nev",
        "auto",
        "新能源汽车：1小时内负面咨询 14 条，基线 2.1 条（泊松 z=7.9）",
        "过去一小时新能源汽车相关负面咨询 14 条，明显高于同时段基线 2.1 条，集中在充电桩补贴到账。",
        new AlertEvidence(
            14, 2.1, 7.9, "poisson-z", at.AddHours(-1), at,
            [new SeriesPoint(at.AddHours(-3), 12, 1), new SeriesPoint(at.AddHours(-2), 15, 2), new SeriesPoint(at.AddHours(-1), 40, 14)],
            [
                new AlertSample(at.AddMinutes(-4), "wechat", "充电桩补贴申请三个月了还没到账，电话138****5678一直打不通", 0.97f),
                new AlertSample(at.AddMinutes(-12), "hotline", "新能源车补贴到底什么时候发，再拖就要投诉了", 0.93f),
            ],
            []));

    public static AlertDraft Escalation(DateTimeOffset at) => new(
        AlertKind.Escalation,
        $"escalation:{Guid.NewGuid():N}",
        "sme",
        "sme",
        "中小企业：咨询中出现“曝光”“媒体”",
        "一条负面咨询提到要找媒体曝光拖欠账款问题。",
        new AlertEvidence(1, null, null, string.Empty, at, at, [], [new AlertSample(at, "hotline", "再拖欠账款就找媒体曝光", 0.91f)], ["曝光", "媒体"]));
}
