using System.Globalization;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Tests.Alerts;

/// <summary>
/// A minimal in-memory alert store and statistics for detector and monitor tests: the contract's rules (one unresolved
/// alert per key, hourly buckets, complaints per subject and company), none of the durability.
/// </summary>
internal sealed class InMemoryAlerts : IAlertStore, IInquiryStatistics
{
    private readonly Lock _lock = new();
    private readonly List<Alert> _alerts = [];
    private readonly List<AlertChange> _feed = [];
    private readonly List<InquirySignal> _signals = [];
    private readonly Dictionary<(string Topic, DateTimeOffset Start), (int Total, int Negative)> _counts = [];

    /// <summary>Inquiries recorded, in order.</summary>
    public IReadOnlyList<InquirySignal> Signals
    {
        get
        {
            lock (_lock)
            {
                return _signals.ToList();
            }
        }
    }

    /// <summary>When set, every alert write throws it.</summary>
    public Exception? FailWrites { get; set; }

    public TimeSpan Bucket => TimeSpan.FromHours(1);

    public Task RecordAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _signals.Add(signal);
            var start = Floor(signal.At);
            foreach (var topic in new[] { signal.Topic ?? "none", "all" })
            {
                var (total, negative) = _counts.GetValueOrDefault((topic, start));
                _counts[(topic, start)] = (total + 1, negative + (IsNegative(signal) ? 1 : 0));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SeriesPoint>> SeriesAsync(
        string topic, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var points = new List<SeriesPoint>();
        lock (_lock)
        {
            for (var start = Floor(from); start < to; start += Bucket)
            {
                var (total, negative) = _counts.GetValueOrDefault((topic, start));
                points.Add(new SeriesPoint(start, total, negative));
            }
        }

        return Task.FromResult<IReadOnlyList<SeriesPoint>>(points);
    }

    public Task<int> CountComplaintsAsync(string subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_signals.Count(s => IsNegative(s) && s.At >= since && By(s, subject)));
        }
    }

    public Task<IReadOnlyList<AlertSample>> RecentNegativeAsync(
        string? topic, string? subject, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AlertSample> samples = _signals
                .Where(s => IsNegative(s) && s.At >= since && (topic is null || s.Topic == topic) && (subject is null || By(s, subject)))
                .OrderByDescending(s => s.At)
                .Take(max)
                .Select(s => new AlertSample(s.At, s.Channel, s.Text, s.NegativeProbability))
                .ToList();
            return Task.FromResult(samples);
        }
    }

    public Task<AlertChange> RaiseOrUpdateAsync(AlertDraft draft, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (FailWrites is { } failure)
            {
                throw failure;
            }

            var index = _alerts.FindIndex(a => a.Key == draft.Key && a.Status != AlertStatus.Resolved);
            Alert alert;
            AlertChangeKind change;
            if (index < 0)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"AL-{at:yyyyMMdd}-{_alerts.Count + 1:0000}");
                alert = new Alert(
                    id, draft.Kind, draft.Key, draft.Topic, draft.Department, draft.Title, draft.Summary, AlertStatus.New, 1,
                    at, at, null, null, null, null, draft.Evidence);
                _alerts.Add(alert);
                change = AlertChangeKind.Raised;
            }
            else
            {
                alert = _alerts[index] with
                {
                    Title = draft.Title,
                    Summary = draft.Summary,
                    Evidence = draft.Evidence,
                    Revision = _alerts[index].Revision + 1,
                    UpdatedAt = at,
                };
                _alerts[index] = alert;
                change = AlertChangeKind.Updated;
            }

            var entry = new AlertChange((_feed.Count + 1).ToString("D8", CultureInfo.InvariantCulture), change, alert);
            _feed.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_alerts.FirstOrDefault(a => a.Id == id));
        }
    }

    public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> alerts = _alerts
                .Where(a => (query.Status is null || a.Status == query.Status) && (query.Kind is null || a.Kind == query.Kind)
                    && (query.Topic is null || a.Topic == query.Topic) && (query.Since is null || a.UpdatedAt >= query.Since))
                .OrderByDescending(a => a.UpdatedAt)
                .Take(query.Limit)
                .ToList();
            return Task.FromResult(alerts);
        }
    }

    public Task<AlertChange?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The detectors never acknowledge.");

    public Task<AlertChange?> ResolveAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _alerts.FindIndex(a => a.Id == id);
            if (index < 0)
            {
                return Task.FromResult<AlertChange?>(null);
            }

            var alert = _alerts[index] with { Status = AlertStatus.Resolved, ResolvedBy = by, ResolvedAt = at, Revision = _alerts[index].Revision + 1 };
            _alerts[index] = alert;
            var entry = new AlertChange((_feed.Count + 1).ToString("D8", CultureInfo.InvariantCulture), AlertChangeKind.Resolved, alert);
            _feed.Add(entry);
            return Task.FromResult<AlertChange?>(entry);
        }
    }

    public Task<IReadOnlyList<AlertChange>> ReadFeedAsync(string? after, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AlertChange> page = _feed
                .Where(c => after is null || string.CompareOrdinal(c.Cursor, after) > 0)
                .Take(max)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<string?> LatestCursorAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_feed.Count == 0 ? null : _feed[^1].Cursor);
        }
    }

    public Task<bool> TryClaimDeliveryAsync(string destination, string alertId, int revision, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The detectors never deliver.");

    private static bool IsNegative(InquirySignal signal) => signal.Sentiment == "negative";

    private static bool By(InquirySignal signal, string subject) => signal.Subject == subject || signal.Company == subject;

    private DateTimeOffset Floor(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % Bucket.Ticks), TimeSpan.Zero);
}
