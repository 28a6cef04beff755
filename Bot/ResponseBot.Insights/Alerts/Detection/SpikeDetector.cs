using System.Globalization;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>What the spike test found in one topic's window, whether or not it fired.</summary>
/// <param name="Topic">The hot-topic code.</param>
/// <param name="Count">Negative inquiries in the window.</param>
/// <param name="Total">All inquiries on the topic in the window.</param>
/// <param name="Share">The topic's negative share learned from the baseline windows (with the prior).</param>
/// <param name="Baseline">The negative count the share predicts for the window's volume.</param>
/// <param name="TailProbability">P(X ≥ count) for X ~ Poisson(baseline).</param>
/// <param name="Z">The normal z with the same upper tail.</param>
/// <param name="WindowStart">The window's start.</param>
/// <param name="WindowEnd">The window's end.</param>
/// <param name="Fired">Whether the count reached the minimum and z the threshold.</param>
internal sealed record SpikeFinding(
    string Topic, int Count, int Total, double Share, double Baseline, double TailProbability, double Z,
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, bool Fired);

/// <summary>
/// A spike of negative inquiries on one hot topic: the window's negative count against what the topic's own negative
/// share over the trailing days predicts for the window's volume. Conditioning on volume follows the day/night and
/// weekday rhythm without learning it (the morning rise brings more inquiries, not a larger share of negative ones),
/// works on a partly elapsed window, and rests on hundreds of inquiries instead of seven same-hour samples. A prior of
/// <see cref="PriorNegatives"/> in <see cref="PriorTotal"/> keeps a topic with no history (or no negative history)
/// from calling its first few complaints infinitely unlikely; a baseline bucket that was itself a spike counts only the
/// negatives just short of where it would have fired. The test is the exact Poisson tail, and the count must also
/// reach <see cref="AlertsOptions.MinimumCount"/>.
/// </summary>
internal sealed class SpikeDetector(AlertsOptions options, IReadOnlyDictionary<string, string> topicNames)
{
    /// <summary>The statistic's name in the evidence.</summary>
    public const string StatisticName = "poisson-tail-z";

    /// <summary>Pseudo-counts of the prior share (10 %): one negative in ten inquiries.</summary>
    public const double PriorNegatives = 1.0;

    /// <summary>See <see cref="PriorNegatives"/>.</summary>
    public const double PriorTotal = 10.0;

    /// <summary>Buckets of the chart series in the evidence.</summary>
    public const int ChartBuckets = 48;

    // The p-value SpikeZ stands for.
    private readonly double _tailThreshold = PoissonTest.UpperTailOfZ(options.SpikeZ);

    /// <summary>
    /// Tests the window that ends with the last bucket of <paramref name="series"/> (its last
    /// <paramref name="windowBuckets"/> buckets) against the <see cref="AlertsOptions.BaselineDays"/> before it.
    /// </summary>
    /// <param name="topic">The hot-topic code.</param>
    /// <param name="series">Counts per bucket, oldest first, the current (possibly partial) bucket last.</param>
    /// <param name="windowBuckets">How many of the last buckets form the window.</param>
    /// <param name="bucket">The bucket width.</param>
    /// <returns><see langword="null"/> when the series is shorter than the window.</returns>
    public SpikeFinding? Evaluate(string topic, IReadOnlyList<SeriesPoint> series, int windowBuckets, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowBuckets);
        if (series.Count < windowBuckets)
        {
            return null;
        }

        var windowFirst = series.Count - windowBuckets;
        var windowStart = series[windowFirst].Start;
        var baselineFrom = windowStart - TimeSpan.FromDays(options.BaselineDays);
        int count = 0, total = 0, baselineNegative = 0, baselineTotal = 0;
        var baselineBuckets = new List<SeriesPoint>();
        for (var i = 0; i < series.Count; i++)
        {
            var point = series[i];
            if (i >= windowFirst)
            {
                count += point.Negative;
                total += point.Total;
            }
            else if (point.Start >= baselineFrom)
            {
                baselineBuckets.Add(point);
                baselineNegative += point.Negative;
                baselineTotal += point.Total;
            }
        }

        // An earlier spike must not become the norm: a baseline bucket counts at most the negatives that would have
        // been just short of firing there, so a week after a spike the topic is not held to a doubled share.
        var rawShare = (baselineNegative + PriorNegatives) / (baselineTotal + PriorTotal);
        baselineNegative = baselineBuckets.Sum(p => Math.Min(p.Negative, FiringCount(p.Total * rawShare) - 1));

        var share = (baselineNegative + PriorNegatives) / (baselineTotal + PriorTotal);
        // An empty window has nothing to test; a floor keeps the Poisson mean positive.
        var baseline = Math.Max(total * share, 1e-6);
        var tail = PoissonTest.UpperTail(count, baseline);
        var z = PoissonTest.ZFromUpperTail(tail);
        var fired = count >= options.MinimumCount && z >= options.SpikeZ;
        return new SpikeFinding(
            topic, count, total, share, baseline, tail, z, windowStart, series[^1].Start + bucket, fired);
    }

    // The smallest count that fires on a bucket with this baseline: the minimum count, or more when the baseline is high.
    private int FiringCount(double baseline)
    {
        var mean = Math.Max(baseline, 1e-6);
        var k = Math.Max(options.MinimumCount, (int)Math.Ceiling(mean));
        while (PoissonTest.UpperTail(k, mean) > _tailThreshold)
        {
            k++;
        }

        return k;
    }

    /// <summary>The alert for a finding that fired, with the last <see cref="ChartBuckets"/> buckets for the chart.</summary>
    public AlertDraft ToDraft(
        SpikeFinding finding, IReadOnlyList<SeriesPoint> series, IReadOnlyList<AlertSample> samples, string? department)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(samples);
        var name = AlertWording.TopicName(topicNames, finding.Topic);
        var window = AlertWording.Window(options.WindowMinutes);
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"{name}：{window}内负面咨询 {finding.Count} 条，基线 {finding.Baseline:0.0} 条（泊松 z={finding.Z:0.0}）");
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{window}内{name}相关咨询 {finding.Total} 条，其中负面 {finding.Count} 条。按该话题过去 {options.BaselineDays} 天的负面占比 " +
            $"{finding.Share * 100:0.0}% 推算，预期约 {finding.Baseline:0.0} 条；泊松上尾概率 p={finding.TailProbability:0.0E+0}" +
            $"（z={finding.Z:0.0}，阈值 z≥{options.SpikeZ:0.0}，且不少于 {options.MinimumCount} 条）。");
        var chart = series.Count > ChartBuckets ? series.Skip(series.Count - ChartBuckets).ToList() : series;
        var evidence = new AlertEvidence(
            finding.Count, Math.Round(finding.Baseline, 3), Math.Round(finding.Z, 3), StatisticName,
            finding.WindowStart, finding.WindowEnd, chart, samples.Take(AlertWording.MaxSamples).ToList(), []);
        return new AlertDraft(AlertKind.Spike, AlertKeys.Spike(finding.Topic), finding.Topic, department, title, summary, evidence);
    }

    /// <summary>The alert when the window is a spike; otherwise <see langword="null"/>.</summary>
    public AlertDraft? Detect(
        string topic, IReadOnlyList<SeriesPoint> series, int windowBuckets, TimeSpan bucket,
        IReadOnlyList<AlertSample> samples, string? department) =>
        Evaluate(topic, series, windowBuckets, bucket) is { Fired: true } finding
            ? ToDraft(finding, series, samples, department)
            : null;
}
