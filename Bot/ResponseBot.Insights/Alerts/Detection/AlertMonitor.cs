using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// Watches every analysed inquiry: counts it in <see cref="IInquiryStatistics"/>, runs the detectors that apply (spike
/// and repeats on negative inquiries, escalation words on all, very negative on hot topics) and raises or updates one
/// alert per situation in <see cref="IAlertStore"/>. An alert is updated only when its situation changed (the count
/// grew by a quarter, a new window or episode began, a new escalation word appeared), never with the same numbers
/// again. Failures are logged, never thrown: alerts must not break a conversation.
/// </summary>
public sealed class AlertMonitor
{
    // Situations older than this are forgotten, so the memory of what was published stays small.
    private static readonly TimeSpan Memory = TimeSpan.FromDays(2);

    private readonly IInquiryStatistics _statistics;
    private readonly IAlertStore _store;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertMonitor> _logger;
    private readonly SpikeDetector _spike;
    private readonly RepeatsDetector _repeats;
    private readonly EscalationDetector _escalation;
    private readonly VeryNegativeDetector _veryNegative;
    private readonly int _windowBuckets;

    // The evidence last published per situation key: what "changed" is measured against, and what escalations and very
    // negative inquiries accumulate on. Per instance; another instance at worst repeats one update.
    private readonly ConcurrentDictionary<string, AlertEvidence> _published = new(StringComparer.Ordinal);
    private int _observed;

    /// <summary>Creates the monitor; the detectors read <paramref name="options"/> once.</summary>
    /// <param name="statistics">Where inquiries are counted and the detectors read their counts.</param>
    /// <param name="store">Where alerts are raised and updated.</param>
    /// <param name="taxonomy">Hot-topic names for the titles.</param>
    /// <param name="options">The <c>Alerts</c> section.</param>
    /// <param name="clock">Now, for forgetting old situations.</param>
    /// <param name="logger">Failures and published changes.</param>
    public AlertMonitor(
        IInquiryStatistics statistics, IAlertStore store, Taxonomy taxonomy, IOptions<AlertsOptions> options,
        TimeProvider clock, ILogger<AlertMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(options);
        _statistics = statistics;
        _store = store;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _spike = new SpikeDetector(_options, taxonomy.HotTopics);
        _repeats = new RepeatsDetector(_options, taxonomy.HotTopics);
        _escalation = new EscalationDetector(_options, taxonomy.HotTopics);
        _veryNegative = new VeryNegativeDetector(_options, taxonomy.HotTopics);

        var bucketMinutes = statistics.Bucket.TotalMinutes;
        _windowBuckets = Math.Max(1, (int)Math.Round(_options.WindowMinutes / bucketMinutes));
        if (Math.Abs((_windowBuckets * bucketMinutes) - _options.WindowMinutes) > 1e-9)
        {
            Log.WindowRounded(logger, _options.WindowMinutes, bucketMinutes, _windowBuckets);
        }
    }

    /// <summary>
    /// Counts the inquiry and raises or updates the alerts it causes. Fills <see cref="InquirySignal.Company"/> from the
    /// text when the caller left it empty. Never throws; a cancelled call just stops.
    /// </summary>
    public async Task ObserveAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            if (signal.Company is null && CompanyNames.Find(signal.Text) is { } company)
            {
                signal = signal with { Company = company };
            }

            await _statistics.RecordAsync(signal, cancellationToken);
            foreach (var draft in await DetectAsync(signal, cancellationToken))
            {
                await PublishAsync(draft, signal.At, cancellationToken);
            }

            if (Interlocked.Increment(ref _observed) % 256 == 0)
            {
                Forget();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The turn was cancelled; counting this inquiry is not worth holding it up.
        }
        catch (Exception ex)
        {
            Log.ObserveFailed(_logger, ex);
        }
    }

    private async Task<List<AlertDraft>> DetectAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        var drafts = new List<AlertDraft>();
        var negative = string.Equals(signal.Sentiment, "negative", StringComparison.Ordinal);
        var hot = AlertWording.IsHotTopic(signal.Topic);

        // Only a negative inquiry can start or grow a spike: others raise the window's volume and so its baseline.
        if (negative && hot && await DetectSpikeAsync(signal, cancellationToken) is { } spike)
        {
            drafts.Add(spike);
        }

        if (negative)
        {
            if (await DetectRepeatsAsync(signal, null, cancellationToken) is { } byUser)
            {
                drafts.Add(byUser);
            }

            if (signal.Company is { } company && await DetectRepeatsAsync(signal, company, cancellationToken) is { } byCompany)
            {
                drafts.Add(byCompany);
            }
        }

        if (_escalation.Detect(signal, Previous(AlertKeys.Escalation(signal.Subject))) is { } escalation)
        {
            drafts.Add(escalation);
        }

        if (hot && _veryNegative.Detect(signal, Previous(AlertKeys.VeryNegative(signal.Topic!))) is { } veryNegative)
        {
            drafts.Add(veryNegative);
        }

        return drafts;
    }

    private async Task<AlertDraft?> DetectSpikeAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        var bucket = _statistics.Bucket;
        var current = new DateTimeOffset(signal.At.UtcTicks - (signal.At.UtcTicks % bucket.Ticks), TimeSpan.Zero);
        var windowStart = current - (bucket * (_windowBuckets - 1));
        var history = TimeSpan.FromDays(_options.BaselineDays);
        var chart = bucket * SpikeDetector.ChartBuckets;
        var from = windowStart - (history > chart ? history : chart);
        var topic = signal.Topic!;
        var series = await _statistics.SeriesAsync(topic, from, current + bucket, cancellationToken);
        if (_spike.Evaluate(topic, series, _windowBuckets, bucket) is not { Fired: true } finding)
        {
            return null;
        }

        // Samples are read only when the window fired, and only when the alert would change.
        if (!Changed(AlertKeys.Spike(topic), finding.Count, finding.WindowStart, []))
        {
            return null;
        }

        var samples = await _statistics.RecentNegativeAsync(
            topic, null, finding.WindowStart, AlertWording.MaxSamples, cancellationToken);
        return _spike.ToDraft(finding, series, samples, signal.Department);
    }

    private async Task<AlertDraft?> DetectRepeatsAsync(InquirySignal signal, string? company, CancellationToken cancellationToken)
    {
        var subject = company ?? signal.Subject;
        var since = signal.At - TimeSpan.FromHours(_options.RepeatHours);
        var complaints = await _statistics.CountComplaintsAsync(subject, since, cancellationToken);
        if (complaints < _options.RepeatThreshold)
        {
            return null;
        }

        var key = company is null ? AlertKeys.RepeatsBySubject(subject) : AlertKeys.RepeatsByCompany(company);
        if (!Changed(key, complaints, since, []))
        {
            return null;
        }

        var samples = await _statistics.RecentNegativeAsync(null, subject, since, AlertWording.MaxSamples, cancellationToken);
        return _repeats.Detect(signal, company, complaints, samples);
    }

    private async Task PublishAsync(AlertDraft draft, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var evidence = draft.Evidence;
        if (!Changed(draft.Key, evidence.Count, evidence.WindowStart, evidence.Terms))
        {
            return;
        }

        var change = await _store.RaiseOrUpdateAsync(draft, at, cancellationToken);
        _published[draft.Key] = evidence;
        Log.AlertPublished(
            _logger, change.Alert.Id, change.Change, draft.Kind, draft.Key, change.Alert.Revision, evidence.Count);
    }

    /// <summary>
    /// Whether a finding is worth an update over what was last published for its key: nothing published yet, a new
    /// window or episode (it starts where the last one ended or later), a new term, or a count that grew by a quarter
    /// (at least one). The quarter keeps a spike of a hundred inquiries to a dozen updates instead of a hundred.
    /// </summary>
    private bool Changed(string key, int count, DateTimeOffset windowStart, IReadOnlyList<string> terms) =>
        !_published.TryGetValue(key, out var last)
            || windowStart >= last.WindowEnd
            || count >= last.Count + Math.Max(1, last.Count / 4)
            || terms.Except(last.Terms, StringComparer.Ordinal).Any();

    private AlertEvidence? Previous(string key) => _published.GetValueOrDefault(key);

    private void Forget()
    {
        var horizon = _clock.GetUtcNow() - Memory;
        foreach (var (key, evidence) in _published)
        {
            if (evidence.WindowEnd < horizon)
            {
                _published.TryRemove(key, out _);
            }
        }
    }
}
