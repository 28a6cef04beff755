using System.Globalization;
using StackExchange.Redis;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// The detectors' statistics in Redis, shared by every instance: one hash per hour bucket with a total and a negative
/// count per topic (<c>HINCRBY</c>, kept 400 days), one sorted set of complaints per subject (trimmed to 30 days by the
/// signals' own times), and capped lists of the newest negative samples per topic and per subject. Whatever the store
/// trims by comes from the signals, never from the wall clock, so a simulation can replay a week in seconds; the TTLs
/// only make sure that nothing stays for good.
/// </summary>
/// <param name="redis">The shared multiplexer.</param>
/// <param name="keyPrefix">The deployment's key prefix, e.g. <c>rb:</c>.</param>
public sealed class RedisInquiryStatistics(IConnectionMultiplexer redis, string keyPrefix) : IInquiryStatistics
{
    /// <summary>How many of the newest samples each topic and each subject keeps; a detector shows a few.</summary>
    public const int SamplesKept = 100;

    private readonly IConnectionMultiplexer _redis = redis ?? throw new ArgumentNullException(nameof(redis));
    private readonly RedisInsightsKeys _keys = new(keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix)));

    public TimeSpan Bucket => AlertRules.Bucket;

    public async Task RecordAsync(InquirySignal signal, CancellationToken cancellationToken)
    {
        AlertRules.CheckSignal(signal);
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = Database.CreateTransaction();
        var counts = _keys.Counts(AlertRules.BucketStart(signal.At));
        var negative = AlertRules.IsNegative(signal);
        foreach (var topic in AlertRules.SeriesOf(signal))
        {
            _ = transaction.HashIncrementAsync(counts, RedisInsightsKeys.TotalField(topic));
            if (negative)
            {
                _ = transaction.HashIncrementAsync(counts, RedisInsightsKeys.NegativeField(topic));
            }
        }

        _ = transaction.KeyExpireAsync(counts, AlertRules.CountRetention);
        if (negative)
        {
            var score = Score(signal.At);
            var cutoff = Score(signal.At - AlertRules.ComplaintRetention);
            // Members of a sorted set are unique; two complaints in the same millisecond must both count.
            var complaint = string.Create(CultureInfo.InvariantCulture, $"{signal.At.UtcTicks}:{Guid.NewGuid():N}");
            var sample = AlertsJsonContext.Serialize(
                new StoredSample(AlertRules.SampleTopic(signal), signal.Subject, signal.Company, AlertRules.Sample(signal)),
                context => context.StoredSample);
            foreach (var subject in AlertRules.Complainants(signal))
            {
                var complaints = _keys.Complaints(subject);
                _ = transaction.SortedSetAddAsync(complaints, complaint, score);
                _ = transaction.SortedSetRemoveRangeByScoreAsync(complaints, double.NegativeInfinity, cutoff, Exclude.Stop);
                _ = transaction.KeyExpireAsync(complaints, AlertRules.ComplaintRetention);
                Push(transaction, _keys.SubjectSamples(subject), sample);
            }

            Push(transaction, _keys.TopicSamples(AlertRules.SampleTopic(signal)), sample);
            Push(transaction, _keys.TopicSamples(AlertRules.AllTopics), sample);
        }

        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(
        string topic, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        AlertRules.CheckTopic(topic);
        cancellationToken.ThrowIfCancellationRequested();
        var database = Database;
        RedisValue[] fields = [RedisInsightsKeys.TotalField(topic), RedisInsightsKeys.NegativeField(topic)];
        var buckets = AlertRules.Buckets(from, to);
        // Sent together: the multiplexer pipelines them, so a week of hours costs about one round trip.
        var counts = await Task.WhenAll(buckets.Select(start => database.HashGetAsync(_keys.Counts(start), fields)));
        return [.. buckets.Select((start, i) => new SeriesPoint(start, Count(counts[i][0]), Count(counts[i][1])))];
    }

    public async Task<int> CountComplaintsAsync(string subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        cancellationToken.ThrowIfCancellationRequested();
        return (int)await Database.SortedSetLengthAsync(_keys.Complaints(subject), Score(since), double.PositiveInfinity);
    }

    public async Task<IReadOnlyList<AlertSample>> RecentNegativeAsync(
        string? topic, string? subject, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var anyTopic = topic is null || topic == AlertRules.AllTopics;
        var list = subject is not null ? _keys.SubjectSamples(subject) : _keys.TopicSamples(anyTopic ? AlertRules.AllTopics : topic!);
        var stored = (await Database.ListRangeAsync(list, 0, SamplesKept - 1))
            .Select(value => AlertsJsonContext.Deserialize(value.ToString(), context => context.StoredSample))
            .ToList();
        if (stored.Count == 0)
        {
            return [];
        }

        // A list is trimmed by length, not by time: what is past the retention before its newest sample is left out, as
        // the SQLite store deletes it.
        var kept = stored.Max(s => s.Sample.At) - AlertRules.ComplaintRetention;
        return
        [
            .. stored
                .Where(s => s.Sample.At >= since && s.Sample.At >= kept && (anyTopic || s.Topic == topic))
                .Select(s => s.Sample)
                // Pushed as they were recorded; instances recording at once may push slightly out of time order.
                .OrderByDescending(sample => sample.At)
                .Take(max),
        ];
    }

    private IDatabase Database => _redis.GetDatabase();

    private static void Push(ITransaction transaction, RedisKey list, RedisValue sample)
    {
        _ = transaction.ListLeftPushAsync(list, sample);
        _ = transaction.ListTrimAsync(list, 0, SamplesKept - 1);
        _ = transaction.KeyExpireAsync(list, AlertRules.ComplaintRetention);
    }

    private static int Count(RedisValue value) => value.IsNull ? 0 : (int)value;

    private static double Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
