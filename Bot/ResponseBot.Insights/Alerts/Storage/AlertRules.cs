using System.Globalization;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// What both alert stores and both statistics stores decide alike — the state rules, ids, buckets, what a signal counts
/// towards — so the SQLite and Redis providers cannot drift apart.
/// </summary>
internal static class AlertRules
{
    /// <summary>The series that sums every inquiry.</summary>
    public const string AllTopics = "all";

    /// <summary>The series of inquiries on no hot topic.</summary>
    public const string NoTopic = "none";

    /// <summary>The feed keeps at least this many of the newest changes.</summary>
    public const int FeedLength = 10_000;

    /// <summary>The width of a statistics bucket; buckets start on the UTC hour.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromHours(1);

    /// <summary>How long counts per bucket are kept: a year and a bit, so a trend can be compared with last year's.</summary>
    public static readonly TimeSpan CountRetention = TimeSpan.FromDays(400);

    /// <summary>How long complaints and negative samples are kept: far longer than any detector's window.</summary>
    public static readonly TimeSpan ComplaintRetention = TimeSpan.FromDays(30);

    /// <summary>How long a delivery claim is remembered: far longer than any retry of a delivery.</summary>
    public static readonly TimeSpan DeliveryClaimLifetime = TimeSpan.FromDays(30);

    /// <summary>Refuses a draft that could not name or show its situation.</summary>
    public static void CheckDraft(AlertDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Title);
        ArgumentNullException.ThrowIfNull(draft.Summary);
        ArgumentNullException.ThrowIfNull(draft.Evidence);
    }

    /// <summary>A listing returns at least one alert.</summary>
    public static void CheckQuery(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
    }

    /// <summary>A feed read returns at least one change.</summary>
    public static void CheckMax(int max) => ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

    /// <summary>What a feed read with a cursor this store did not hand out throws.</summary>
    public static ArgumentException NotACursor(string after) =>
        new($"'{after}' is not a cursor of this feed.", nameof(after));

    /// <summary>A delivery is claimed for a named destination and a change that exists.</summary>
    public static void CheckDelivery(string destination, string alertId, int revision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        ArgumentOutOfRangeException.ThrowIfLessThan(revision, 1);
    }

    /// <summary>
    /// The day part of an alert id: the date of <paramref name="at"/> in the service's time zone, <c>yyyyMMdd</c>, as
    /// work orders are numbered. The time is the caller's, so a replayed week numbers its alerts by its own days.
    /// </summary>
    public static string AlertDay(DateTimeOffset at, TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary><c>AL-20261127-0001</c>: the day and that day's running number (more digits past 9999).</summary>
    public static string AlertId(string day, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"AL-{day}-{number:D4}");

    /// <summary>A new alert for the draft's situation, revision 1.</summary>
    public static Alert Raise(string id, AlertDraft draft, DateTimeOffset at) => new(
        id, draft.Kind, draft.Key, draft.Topic, draft.Department, draft.Title, draft.Summary, AlertStatus.New, 1, at, at,
        AcknowledgedBy: null, AcknowledgedAt: null, ResolvedBy: null, ResolvedAt: null, draft.Evidence);

    /// <summary>The unresolved alert with the draft's newer findings; its state and who handled it stay.</summary>
    public static Alert Update(Alert alert, AlertDraft draft, DateTimeOffset at) => alert with
    {
        Topic = draft.Topic,
        Department = draft.Department,
        Title = draft.Title,
        Summary = draft.Summary,
        Evidence = draft.Evidence,
        Revision = alert.Revision + 1,
        UpdatedAt = at,
    };

    /// <summary>The alert acknowledged; only a new one can be.</summary>
    /// <exception cref="AlertStateException">It is acknowledged or resolved already.</exception>
    public static Alert Acknowledge(Alert alert, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (alert.Status != AlertStatus.New)
        {
            throw new AlertStateException($"Alert {alert.Id} is {Name(alert.Status)}; only a new alert can be acknowledged.");
        }

        return alert with { Status = AlertStatus.Acknowledged, AcknowledgedBy = by, AcknowledgedAt = at, Revision = alert.Revision + 1, UpdatedAt = at };
    }

    /// <summary>The alert resolved; a new or acknowledged one can be.</summary>
    /// <exception cref="AlertStateException">It is resolved already.</exception>
    public static Alert Resolve(Alert alert, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (alert.Status == AlertStatus.Resolved)
        {
            throw new AlertStateException($"Alert {alert.Id} is resolved already.");
        }

        return alert with { Status = AlertStatus.Resolved, ResolvedBy = by, ResolvedAt = at, Revision = alert.Revision + 1, UpdatedAt = at };
    }

    /// <summary>Whether a listing with <paramref name="query"/> shows <paramref name="alert"/>.</summary>
    public static bool Matches(AlertQuery query, Alert alert) =>
        (query.Status is not { } status || alert.Status == status) &&
        (query.Kind is not { } kind || alert.Kind == kind) &&
        (query.Topic is null || string.Equals(alert.Topic, query.Topic, StringComparison.Ordinal)) &&
        (query.Since is not { } since || alert.UpdatedAt >= since);

    /// <summary>The name a status or change is stored under (and shown as by the API): snake_case.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => AlertsJsonContext.SnakeCase.ConvertName(value.ToString());

    /// <summary>The value stored under <see cref="Name{TEnum}"/>.</summary>
    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(value), name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new InvalidDataException($"'{name}' is not a stored {typeof(TEnum).Name}.");
    }

    /// <summary>The start of the UTC-aligned bucket that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Bucket.Ticks), TimeSpan.Zero);
    }

    /// <summary>
    /// The buckets of [<paramref name="from"/>, <paramref name="to"/>), oldest first: from the one holding
    /// <paramref name="from"/> to the last that starts before <paramref name="to"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Buckets(DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var buckets = new List<DateTimeOffset>();
        if (to == from)
        {
            // An empty range has no bucket, not even the one that holds it.
            return buckets;
        }

        for (var start = BucketStart(from); start < to; start += Bucket)
        {
            buckets.Add(start);
        }

        return buckets;
    }

    /// <summary>Checks a series' topic: a hot-topic code, <see cref="NoTopic"/> or <see cref="AllTopics"/>.</summary>
    public static void CheckTopic(string topic) => ArgumentException.ThrowIfNullOrWhiteSpace(topic);

    /// <summary>Checks a signal before it is counted.</summary>
    public static void CheckSignal(InquirySignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentException.ThrowIfNullOrWhiteSpace(signal.Subject);
        ArgumentNullException.ThrowIfNull(signal.Channel);
        ArgumentNullException.ThrowIfNull(signal.Text);
    }

    /// <summary>The series a signal counts in: its topic's (or <see cref="NoTopic"/>) and <see cref="AllTopics"/>.</summary>
    public static string[] SeriesOf(InquirySignal signal) =>
        [string.IsNullOrWhiteSpace(signal.Topic) ? NoTopic : signal.Topic, AllTopics];

    /// <summary>The topic a negative signal is kept as a sample of.</summary>
    public static string SampleTopic(InquirySignal signal) => SeriesOf(signal)[0];

    /// <summary>Whether the signal counts as negative: a complaint and a sample.</summary>
    public static bool IsNegative(InquirySignal signal) =>
        string.Equals(signal.Sentiment, "negative", StringComparison.Ordinal);

    /// <summary>Who a negative signal is a complaint of: its subject, and its company when one is named.</summary>
    public static string[] Complainants(InquirySignal signal) =>
        string.IsNullOrWhiteSpace(signal.Company) || signal.Company == signal.Subject
            ? [signal.Subject]
            : [signal.Subject, signal.Company];

    /// <summary>The signal as evidence.</summary>
    public static AlertSample Sample(InquirySignal signal) =>
        new(signal.At, signal.Channel, signal.Text, signal.NegativeProbability);
}
