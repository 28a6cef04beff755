using System.ComponentModel;
using ResponseBot.Insights.Alerts;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Host.Endpoints;

/// <summary>An alert as the press office sees it, with the Chinese names of its topic and department.</summary>
internal sealed record AlertResponse(
    [property: Description("Readable id, e.g. AL-20261127-0003.")] string Id,
    [property: Description("spike, repeats, escalation or very_negative.")] AlertKind Kind,
    [property: Description("The hot-topic code from taxonomy.json, when the alert is about one.")] string? Topic,
    [property: Description("The hot topic's Chinese name.")] string? TopicName,
    [property: Description("The department code that owns the matter, when known.")] string? Department,
    [property: Description("The department's Chinese name.")] string? DepartmentName,
    [property: Description("One line for the feed, no personal data.")] string Title,
    [property: Description("The explanation with its numbers.")] string Summary,
    [property: Description("new, acknowledged or resolved.")] AlertStatus Status,
    [property: Description("1 when raised, one more with every change.")] int Revision,
    [property: Description("When it was raised.")] DateTimeOffset RaisedAt,
    [property: Description("When it last changed.")] DateTimeOffset UpdatedAt,
    [property: Description("Who acknowledged it.")] string? AcknowledgedBy,
    [property: Description("When it was acknowledged.")] DateTimeOffset? AcknowledgedAt,
    [property: Description("Who resolved it.")] string? ResolvedBy,
    [property: Description("When it was resolved.")] DateTimeOffset? ResolvedAt,
    [property: Description("Counts, baseline, statistic, series, masked samples and matched terms.")] AlertEvidence Evidence)
{
    public static AlertResponse From(Alert alert, Taxonomy taxonomy) => new(
        alert.Id,
        alert.Kind,
        alert.Topic,
        alert.Topic is { } topic ? taxonomy.HotTopics.GetValueOrDefault(topic) : null,
        alert.Department,
        alert.Department is { } department ? taxonomy.Departments.GetValueOrDefault(department) : null,
        alert.Title,
        alert.Summary,
        alert.Status,
        alert.Revision,
        alert.RaisedAt,
        alert.UpdatedAt,
        alert.AcknowledgedBy,
        alert.AcknowledgedAt,
        alert.ResolvedBy,
        alert.ResolvedAt,
        alert.Evidence);
}

/// <summary>Alerts, most recently updated first.</summary>
internal sealed record AlertList(int Count, IReadOnlyList<AlertResponse> Alerts);

/// <summary>Who acknowledges or resolves an alert.</summary>
internal sealed record AlertActionRequest(
    [property: Description("The person's name as colleagues know it, 1–40 characters.")] string? By);

/// <summary>The data of one Server-Sent Event: what happened, and the alert after it.</summary>
internal sealed record AlertChangeEvent(
    [property: Description("raised, updated, acknowledged or resolved.")] AlertChangeKind Change,
    [property: Description("The alert after the change.")] AlertResponse Alert);

/// <summary>The width of a trend's points.</summary>
internal enum TrendBucket
{
    /// <summary>One point per hour (up to 2 days).</summary>
    Hour,

    /// <summary>One point per day, China time (3 days and more).</summary>
    Day,
}

/// <summary>Inquiries on a topic in one bucket.</summary>
internal sealed record TrendPointResponse(
    [property: Description("The bucket's start.")] DateTimeOffset Start,
    [property: Description("Inquiries in the bucket.")] int Total,
    [property: Description("Of them, negative ones.")] int Negative,
    [property: Description("Negative / total, 0 when there were none.")] double NegativeShare);

/// <summary>The trend of one hot topic.</summary>
internal sealed record TopicTrendResponse(
    [property: Description("The hot-topic code.")] string Code,
    [property: Description("Its Chinese name.")] string Name,
    [property: Description("Inquiries over the whole period.")] int Total,
    [property: Description("Negative inquiries over the whole period.")] int Negative,
    [property: Description("Negative / total over the whole period.")] double NegativeShare,
    [property: Description("Oldest first, empty buckets as zeros.")] IReadOnlyList<TrendPointResponse> Points);

/// <summary>Volume and negative share per hot topic.</summary>
internal sealed record AlertTrendsResponse(
    [property: Description("The days covered.")] int Days,
    [property: Description("hour or day.")] TrendBucket Bucket,
    [property: Description("The first bucket's start.")] DateTimeOffset From,
    [property: Description("The end of the last bucket.")] DateTimeOffset To,
    [property: Description("One trend per hot topic, in taxonomy order.")] IReadOnlyList<TopicTrendResponse> Topics);
