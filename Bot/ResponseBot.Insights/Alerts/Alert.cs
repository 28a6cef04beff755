namespace ResponseBot.Insights.Alerts;

/// <summary>What kind of situation an alert is about; each comes from one detector.</summary>
public enum AlertKind
{
    /// <summary>More negative inquiries on a hot topic in a window than its own trailing baseline explains.</summary>
    Spike,

    /// <summary>The same user or company complaining three or more times in 24 hours.</summary>
    Repeats,

    /// <summary>An inquiry with an escalation word (曝光, 媒体, 上访…).</summary>
    Escalation,

    /// <summary>A single very negative inquiry on a hot topic.</summary>
    VeryNegative,
}

/// <summary>Where an alert stands: new → acknowledged → resolved.</summary>
public enum AlertStatus
{
    /// <summary>Raised, nobody has looked at it yet.</summary>
    New,

    /// <summary>Someone in the press office has taken it.</summary>
    Acknowledged,

    /// <summary>Dealt with. A later occurrence of the same situation raises a new alert.</summary>
    Resolved,
}

/// <summary>What happened to an alert in one change of the feed.</summary>
public enum AlertChangeKind
{
    /// <summary>A new situation: the alert was created.</summary>
    Raised,

    /// <summary>The same situation grew or went on: the alert's evidence was updated (its revision went up).</summary>
    Updated,

    /// <summary>Someone acknowledged it.</summary>
    Acknowledged,

    /// <summary>Someone resolved it.</summary>
    Resolved,
}

/// <summary>Counts of one time bucket, for a chart and for the baseline.</summary>
/// <param name="Start">The bucket's start.</param>
/// <param name="Total">Inquiries in the bucket.</param>
/// <param name="Negative">Of them, negative ones.</param>
public sealed record SeriesPoint(DateTimeOffset Start, int Total, int Negative);

/// <summary>An inquiry shown as evidence. The text is masked before it gets here.</summary>
/// <param name="At">When it arrived.</param>
/// <param name="Channel">The channel's short name.</param>
/// <param name="Text">The words, personal data masked.</param>
/// <param name="NegativeProbability">The sentiment model's probability of negative.</param>
public sealed record AlertSample(DateTimeOffset At, string Channel, string Text, float NegativeProbability);

/// <summary>
/// Why an alert was raised, in numbers a person can check: what was counted in which window, what was expected,
/// the statistic, a series for the chart, and sample inquiries (masked).
/// </summary>
/// <param name="Count">What was counted in the window (negative inquiries, complaints, matching inquiries).</param>
/// <param name="Baseline">The count expected from the trailing baseline, for spikes.</param>
/// <param name="Statistic">The test statistic's value, for spikes (see <paramref name="StatisticName"/>).</param>
/// <param name="StatisticName">What <paramref name="Statistic"/> is, e.g. <c>poisson-z</c>; empty when none.</param>
/// <param name="WindowStart">The window's start.</param>
/// <param name="WindowEnd">The window's end.</param>
/// <param name="Series">Counts per bucket around the window, oldest first, for the chart.</param>
/// <param name="Samples">A few of the inquiries, newest first, personal data masked.</param>
/// <param name="Terms">The escalation words matched, for escalation alerts.</param>
public sealed record AlertEvidence(
    int Count,
    double? Baseline,
    double? Statistic,
    string StatisticName,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<AlertSample> Samples,
    IReadOnlyList<string> Terms);

/// <summary>
/// What a detector found, before it is stored. <see cref="Key"/> names the situation: while an alert with that key
/// is not resolved, a new finding updates it instead of raising another.
/// </summary>
/// <param name="Kind">The detector.</param>
/// <param name="Key">The situation, e.g. <c>spike:nev</c> or <c>repeats:user:ab12…</c>; never holds personal data.</param>
/// <param name="Topic">The hot-topic code, when the situation is about one.</param>
/// <param name="Department">The department code that owns the matter, when known.</param>
/// <param name="Title">One line for the feed (Chinese), no personal data.</param>
/// <param name="Summary">The explanation in a sentence or two (Chinese), with the numbers.</param>
/// <param name="Evidence">The evidence.</param>
public sealed record AlertDraft(
    AlertKind Kind,
    string Key,
    string? Topic,
    string? Department,
    string Title,
    string Summary,
    AlertEvidence Evidence);

/// <summary>An alert as stored and shown to the press office.</summary>
/// <param name="Id">Readable, unique id, e.g. <c>AL-20261127-0003</c>.</param>
/// <param name="Kind">The detector.</param>
/// <param name="Key">The situation it stands for.</param>
/// <param name="Topic">The hot-topic code, when about one.</param>
/// <param name="Department">The owning department code, when known.</param>
/// <param name="Title">One line for the feed.</param>
/// <param name="Summary">The explanation.</param>
/// <param name="Status">New, acknowledged or resolved.</param>
/// <param name="Revision">1 when raised, one more with every change.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="AcknowledgedAt">When.</param>
/// <param name="ResolvedBy">Who resolved it.</param>
/// <param name="ResolvedAt">When.</param>
/// <param name="Evidence">The latest evidence.</param>
public sealed record Alert(
    string Id,
    AlertKind Kind,
    string Key,
    string? Topic,
    string? Department,
    string Title,
    string Summary,
    AlertStatus Status,
    int Revision,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    AlertEvidence Evidence);

/// <summary>One entry of the alert feed: an alert as it was after one change.</summary>
/// <param name="Cursor">The feed position of this change; read on after it. Opaque, ordered within one store.</param>
/// <param name="Change">What happened.</param>
/// <param name="Alert">The alert after the change.</param>
public sealed record AlertChange(string Cursor, AlertChangeKind Change, Alert Alert);

/// <summary>Which alerts to list.</summary>
/// <param name="Status">Only alerts in this state; all when <see langword="null"/>.</param>
/// <param name="Kind">Only alerts of this kind; all when <see langword="null"/>.</param>
/// <param name="Topic">Only alerts on this hot topic; all when <see langword="null"/>.</param>
/// <param name="Since">Only alerts updated at or after this time.</param>
/// <param name="Limit">At most this many, most recently updated first.</param>
public sealed record AlertQuery(
    AlertStatus? Status = null, AlertKind? Kind = null, string? Topic = null, DateTimeOffset? Since = null, int Limit = 100);
