using System.Globalization;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>How alerts are named to people (Chinese) in messages sent out of the service.</summary>
internal static class AlertNames
{
    /// <summary>China Standard Time (no daylight saving): the press office reads local times.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The kind's name, e.g. 负面激增.</summary>
    public static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.Spike => "负面激增",
        AlertKind.Repeats => "重复投诉",
        AlertKind.Escalation => "升级风险词",
        AlertKind.VeryNegative => "强烈负面",
        _ => kind.ToString(),
    };

    /// <summary>The status's name, e.g. 已确认.</summary>
    public static string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.New => "新",
        AlertStatus.Acknowledged => "已确认",
        AlertStatus.Resolved => "已解决",
        _ => status.ToString(),
    };

    /// <summary>The channel's name, e.g. 微信 for <c>wechat</c>.</summary>
    public static string ChannelName(string channel) => channel switch
    {
        "wechat" => "微信",
        "hotline" => "12345热线",
        "api" => "接口",
        _ => channel,
    };

    /// <summary>A time as the press office reads it: China time, e.g. <c>11-27 10:05</c>.</summary>
    public static string LocalTime(DateTimeOffset at) =>
        at.ToOffset(ChinaOffset).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
}
