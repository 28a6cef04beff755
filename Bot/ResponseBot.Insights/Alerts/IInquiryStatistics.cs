namespace ResponseBot.Insights.Alerts;

/// <summary>
/// One analysed inquiry as the alert detectors see it: no raw personal data (text masked, user as a pseudonym).
/// </summary>
/// <param name="At">When it arrived.</param>
/// <param name="Channel">The channel's short name.</param>
/// <param name="Subject">Who complains, for the repeats detector: a pseudonymous user key, never an OpenID or phone.</param>
/// <param name="Company">The company named in the text (e.g. 某某科技有限公司), when one is; counted like a user.</param>
/// <param name="Text">The words, personal data masked.</param>
/// <param name="Sentiment">negative / neutral / positive.</param>
/// <param name="NegativeProbability">The sentiment model's probability of negative.</param>
/// <param name="Topic">Hot-topic code, or <see langword="null"/>.</param>
/// <param name="Department">The routed department code.</param>
public sealed record InquirySignal(
    DateTimeOffset At,
    string Channel,
    string Subject,
    string? Company,
    string Text,
    string Sentiment,
    float NegativeProbability,
    string? Topic,
    string Department);

/// <summary>
/// The counts the detectors and the trend chart read, shared by all instances that share the store: inquiries and
/// negative inquiries per hot topic per bucket, complaints per subject, and recent negative samples per topic.
/// Implementations: SQLite (embedded) and Redis, checked by one contract suite.
/// </summary>
public interface IInquiryStatistics
{
    /// <summary>The bucket width of the series (fixed per store; default 1 hour).</summary>
    TimeSpan Bucket { get; }

    /// <summary>
    /// Counts the inquiry: one in its topic's bucket (topic <c>none</c> when it has none; also in the <c>all</c>
    /// series), negative when its sentiment is; a complaint of its subject and of its company when negative; and keeps
    /// it as a sample of its topic when negative.
    /// </summary>
    Task RecordAsync(InquirySignal signal, CancellationToken cancellationToken);

    /// <summary>
    /// Counts per bucket for <paramref name="topic"/> (a hot-topic code, <c>none</c> or <c>all</c>) over
    /// [<paramref name="from"/>, <paramref name="to"/>), oldest first, with empty buckets as zeros.
    /// </summary>
    Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string topic, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Negative inquiries by this subject (user pseudonym or company) at or after <paramref name="since"/>.</summary>
    Task<int> CountComplaintsAsync(string subject, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The newest negative inquiries on a topic (or by a subject, when <paramref name="subject"/> is given), newest first.</summary>
    Task<IReadOnlyList<AlertSample>> RecentNegativeAsync(
        string? topic, string? subject, DateTimeOffset since, int max, CancellationToken cancellationToken);
}
