using Microsoft.Data.Sqlite;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// The detectors' statistics in the SQLite file of the knowledge base: counts per topic and hour in
/// <c>inquiry_counts</c>, complaints per subject, and negative samples. Old rows are pruned as time, as the signals tell
/// it, moves into a new bucket: counts after 400 days, complaints and samples after 30.
/// </summary>
/// <param name="databasePath">The SQLite file; created with its folder if missing.</param>
public sealed class SqliteInquiryStatistics(string databasePath) : IInquiryStatistics, IDisposable
{
    private readonly SqliteDatabase _database = SqliteInsights.Open(databasePath);

    // The newest bucket pruned up to; pruning once per bucket keeps the deletes off the path of every inquiry.
    private long _prunedBucketTicks = long.MinValue;

    public TimeSpan Bucket => AlertRules.Bucket;

    public async Task RecordAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        AlertRules.CheckSignal(signal);
        var bucket = AlertRules.BucketStart(signal.At).UtcTicks;
        var negative = AlertRules.IsNegative(signal);
        await _database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var topic in AlertRules.SeriesOf(signal))
            {
                await SqliteDatabase.ExecuteAsync(
                    connection, transaction,
                    """
                    INSERT INTO inquiry_counts (topic, bucket_ticks, total, negative) VALUES ($topic, $bucket, 1, $negative)
                    ON CONFLICT (topic, bucket_ticks) DO UPDATE SET total = total + 1, negative = negative + $negative
                    """,
                    cancellationToken, ("$topic", topic), ("$bucket", bucket), ("$negative", negative ? 1 : 0));
            }

            if (negative)
            {
                foreach (var subject in AlertRules.Complainants(signal))
                {
                    await SqliteDatabase.ExecuteAsync(
                        connection, transaction, "INSERT INTO complaints (subject, at_ticks) VALUES ($subject, $ticks)",
                        cancellationToken, ("$subject", subject), ("$ticks", signal.At.UtcTicks));
                }

                await SqliteDatabase.ExecuteAsync(
                    connection, transaction,
                    """
                    INSERT INTO negative_samples (topic, subject, company, at, at_ticks, channel, text, probability)
                    VALUES ($topic, $subject, $company, $at, $ticks, $channel, $text, $probability)
                    """,
                    cancellationToken,
                    ("$topic", AlertRules.SampleTopic(signal)), ("$subject", signal.Subject),
                    ("$company", string.IsNullOrWhiteSpace(signal.Company) ? null : signal.Company),
                    ("$at", SqliteInsights.Timestamp(signal.At)), ("$ticks", signal.At.UtcTicks), ("$channel", signal.Channel),
                    ("$text", signal.Text), ("$probability", signal.NegativeProbability));
            }

            // Inside the write, which runs one at a time, so the field needs no lock of its own.
            if (bucket > _prunedBucketTicks)
            {
                _prunedBucketTicks = bucket;
                await PruneAsync(connection, transaction, signal.At, cancellationToken);
            }

            return 0;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(
        string topic, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        AlertRules.CheckTopic(topic);
        var buckets = AlertRules.Buckets(from, to);
        if (buckets.Count == 0)
        {
            return [];
        }

        var counts = (await SqliteInsights.ReadAsync(
                _database,
                """
                SELECT bucket_ticks, total, negative FROM inquiry_counts
                WHERE topic = $topic AND bucket_ticks >= $from AND bucket_ticks < $to
                """,
                reader => (Bucket: reader.GetInt64(0), Total: reader.GetInt32(1), Negative: reader.GetInt32(2)),
                cancellationToken, ("$topic", topic), ("$from", buckets[0].UtcTicks), ("$to", to.UtcTicks)))
            .ToDictionary(row => row.Bucket);
        return [.. buckets.Select(start => counts.TryGetValue(start.UtcTicks, out var row)
            ? new SeriesPoint(start, row.Total, row.Negative)
            : new SeriesPoint(start, 0, 0))];
    }

    public async Task<int> CountComplaintsAsync(string subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var count = await SqliteInsights.ReadAsync(
            _database, "SELECT COUNT(*) FROM complaints WHERE subject = $subject AND at_ticks >= $since",
            reader => reader.GetInt32(0), cancellationToken, ("$subject", subject), ("$since", since.UtcTicks));
        return count[0];
    }

    public async Task<IReadOnlyList<AlertSample>> RecentNegativeAsync(
        string? topic, string? subject, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return await SqliteInsights.ReadAsync(
            _database,
            """
            SELECT at, channel, text, probability FROM negative_samples
            WHERE at_ticks >= $since AND ($topic IS NULL OR topic = $topic)
              AND ($subject IS NULL OR subject = $subject OR company = $subject)
            ORDER BY at_ticks DESC, rowid DESC LIMIT $max
            """,
            reader => new AlertSample(
                SqliteInsights.ParseTimestamp(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetFloat(3)),
            cancellationToken,
            ("$since", since.UtcTicks), ("$topic", topic == AlertRules.AllTopics ? null : topic), ("$subject", subject),
            ("$max", max));
    }

    public void Dispose() => _database.Dispose();

    private static async Task PruneAsync(
        SqliteConnection connection, SqliteTransaction transaction,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = (now - AlertRules.CountRetention).UtcTicks;
        var complaints = (now - AlertRules.ComplaintRetention).UtcTicks;
        await SqliteDatabase.ExecuteAsync(
            connection, transaction, "DELETE FROM inquiry_counts WHERE bucket_ticks < $before", cancellationToken, ("$before", counts));
        await SqliteDatabase.ExecuteAsync(
            connection, transaction, "DELETE FROM complaints WHERE at_ticks < $before", cancellationToken, ("$before", complaints));
        await SqliteDatabase.ExecuteAsync(
            connection, transaction, "DELETE FROM negative_samples WHERE at_ticks < $before", cancellationToken, ("$before", complaints));
    }
}
