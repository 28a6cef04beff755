using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Simulation;

/// <summary>
/// Replays a generated week through the real <see cref="AlertMonitor"/> into the given stores on a simulated clock,
/// then reads the alert feed back to measure how soon the spike was caught and which spike alerts were false.
/// </summary>
/// <param name="store">Where alerts go; empty at the start.</param>
/// <param name="statistics">Where inquiries are counted; empty at the start.</param>
/// <param name="clock">The clock the stores were given; the replay moves it.</param>
/// <param name="taxonomy">Hot-topic names for the alerts' titles.</param>
/// <param name="alerts">The detectors' settings.</param>
public sealed class AlertSimulation(
    IAlertStore store, IInquiryStatistics statistics, SimulationClock clock, Taxonomy taxonomy, AlertsOptions alerts)
{
    private const int FeedPage = 500;

    /// <summary>
    /// Replays the week into new SQLite stores (the embedded implementation the service uses) in
    /// <paramref name="databasePath"/>, which should not exist yet.
    /// </summary>
    public static async Task<AlertSimulationReport> RunWithSqliteAsync(
        string databasePath, AlertSimulationOptions options, AlertsOptions alerts, Taxonomy taxonomy,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = new SimulationClock(options.Start);
        using var store = new SqliteAlertStore(databasePath, clock);
        using var statistics = new SqliteInquiryStatistics(databasePath);
        return await new AlertSimulation(store, statistics, clock, taxonomy, alerts).RunAsync(options, progress, cancellationToken);
    }

    /// <summary>Generates the week, replays it and reports.</summary>
    /// <param name="options">The week and its spike.</param>
    /// <param name="progress">One line per simulated day.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    public async Task<AlertSimulationReport> RunAsync(
        AlertSimulationOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inquiries = InquiryGenerator.Generate(options);
        clock.Set(options.Start);
        var monitor = new AlertMonitor(
            statistics, store, taxonomy, Options.Create(alerts), clock, NullLogger<AlertMonitor>.Instance);
        var day = 0;
        foreach (var inquiry in inquiries)
        {
            var at = inquiry.Signal.At;
            clock.Set(at);
            var inquiryDay = (int)((at - options.Start) / TimeSpan.FromDays(1));
            if (inquiryDay > day)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"simulated day {day + 1}/{options.Days}"));
                day = inquiryDay;
            }

            await monitor.ObserveAsync(inquiry.Signal, cancellationToken);
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"simulated day {options.Days}/{options.Days}"));

        var changes = await ReadFeedAsync(cancellationToken);
        var window = TimeSpan.FromMinutes(alerts.WindowMinutes);
        AlertChange? detection = null;
        var falseAlarms = new Dictionary<(string Topic, DateTimeOffset Window), SpikeAlarm>();
        foreach (var change in changes.Where(c => c.Alert.Kind == AlertKind.Spike && c.Change is AlertChangeKind.Raised or AlertChangeKind.Updated))
        {
            var alert = change.Alert;
            var evidence = alert.Evidence;
            var onSpike = string.Equals(alert.Topic, options.SpikeTopic, StringComparison.Ordinal)
                && evidence.WindowStart < options.SpikeEnd && evidence.WindowEnd > options.SpikeStart;
            if (onSpike)
            {
                detection ??= change;
            }
            else
            {
                falseAlarms.TryAdd(
                    (alert.Topic ?? "", evidence.WindowStart),
                    new SpikeAlarm(alert.Topic ?? "", alert.UpdatedAt, evidence.WindowStart, evidence.Count, evidence.Baseline, evidence.Statistic));
            }
        }

        var all = await store.ListAsync(new AlertQuery(Limit: 10_000), cancellationToken);
        return new AlertSimulationReport(
            options, window, inquiries.Count,
            inquiries.Count(i => string.Equals(i.Signal.Sentiment, "negative", StringComparison.Ordinal)),
            inquiries.Count(i => i.InSpike), detection, falseAlarms.Values.ToList(), all, changes.Count);
    }

    private async Task<List<AlertChange>> ReadFeedAsync(CancellationToken cancellationToken)
    {
        var changes = new List<AlertChange>();
        string? cursor = null;
        while (true)
        {
            var page = await store.ReadFeedAsync(cursor, FeedPage, cancellationToken);
            changes.AddRange(page);
            if (page.Count < FeedPage)
            {
                return changes;
            }

            cursor = page[^1].Cursor;
        }
    }
}
