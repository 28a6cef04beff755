using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class SpikeDetectorTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // Monday 2026-11-09 10:00 China time, as UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 9, 2, 0, 0, TimeSpan.Zero);

    private AlertsOptions _options = null!;
    private SpikeDetector _detector = null!;

    [SetUp]
    public void SetUp()
    {
        _options = new AlertsOptions();
        _detector = new SpikeDetector(_options, new Dictionary<string, string> { ["nev"] = "新能源汽车" });
    }

    [Test]
    public void Evaluate_FlatBaselineAndUsualWindow_DoesNotFire()
    {
        // 10 inquiries an hour for a week, every fifth hour with two negatives (34 × 2 = 68 of 1,680, 4 %); the window
        // has its usual one.
        var series = Week(i => (10, i % 5 == 0 ? 2 : 0), window: (10, 1));

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Fired, Is.False);
        Assert.That(finding.Share, Is.EqualTo((68 + 1.0) / (1680 + 10)).Within(1e-9));
        Assert.That(finding.Baseline, Is.EqualTo(10 * finding.Share).Within(1e-9));
    }

    [Test]
    public void Evaluate_ClearSpike_FiresWithTheNumbersInTheTitle()
    {
        var series = Week(i => (10, i % 5 == 0 ? 2 : 0), window: (30, 14));

        var draft = _detector.Detect("nev", series, 1, Hour, [], "auto")!;

        Assert.That(draft, Is.Not.Null);
        Assert.That(draft.Kind, Is.EqualTo(AlertKind.Spike));
        Assert.That(draft.Key, Is.EqualTo("spike:nev"));
        Assert.That(draft.Title, Does.StartWith("新能源汽车：1小时内负面咨询 14 条，基线 1.2 条（泊松 z="));
        Assert.That(draft.Evidence.Count, Is.EqualTo(14));
        Assert.That(draft.Evidence.Baseline, Is.EqualTo(30 * (69.0 / 1690)).Within(1e-3));
        Assert.That(draft.Evidence.StatisticName, Is.EqualTo(SpikeDetector.StatisticName));
        Assert.That(draft.Evidence.Statistic, Is.GreaterThanOrEqualTo(_options.SpikeZ));
        Assert.That(draft.Evidence.WindowStart, Is.EqualTo(Now));
        Assert.That(draft.Evidence.WindowEnd, Is.EqualTo(Now + Hour));
        Assert.That(draft.Evidence.Series, Has.Count.EqualTo(SpikeDetector.ChartBuckets));
        Assert.That(draft.Evidence.Series[^1].Negative, Is.EqualTo(14));
    }

    [Test]
    public void Evaluate_BelowMinimumCount_DoesNotFireHoweverUnlikely()
    {
        // A topic with no negative inquiry in a week: four in an hour are very unlikely, but fewer than five.
        var series = Week(_ => (10, 0), window: (10, 4));

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Z, Is.GreaterThan(_options.SpikeZ));
        Assert.That(finding.Fired, Is.False);
    }

    [Test]
    public void Evaluate_ZeroBaseline_UsesThePriorShare()
    {
        // No history at all: the prior (one negative in ten) sets the baseline.
        var quiet = _detector.Evaluate("nev", [new SeriesPoint(Now, 8, 5)], 1, Hour)!;
        var loud = _detector.Evaluate("nev", [new SeriesPoint(Now, 8, 8)], 1, Hour)!;

        Assert.That(quiet.Baseline, Is.EqualTo(0.8).Within(1e-9));
        Assert.That(quiet.Fired, Is.False, "five negatives of eight inquiries with no history is not yet a spike");
        Assert.That(loud.Fired, Is.True, "eight of eight is");
    }

    [Test]
    public void Evaluate_NoNegativeHistory_FiresAtTheMinimumCount()
    {
        var series = Week(_ => (10, 0), window: (20, 5));

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Baseline, Is.EqualTo(20 * (1.0 / 1690)).Within(1e-9));
        Assert.That(finding.Fired, Is.True);
    }

    [Test]
    public void Evaluate_MorningRise_DoesNotFire()
    {
        // Nights bring 2 inquiries an hour, office hours 40, always a tenth negative. At 10:00 the window has 40
        // inquiries and 4 negatives, against one negative at most in any hour of the night before.
        var series = Week(i => ChinaHour(i) is >= 9 and < 18 ? (40, 4) : (2, i % 5 == 0 ? 1 : 0), window: (40, 4));
        var nightBefore = series.Where(p => p.Start >= Now - (10 * Hour) && p.Start < Now - Hour).ToList();
        Assume.That(nightBefore.Max(p => p.Negative), Is.LessThanOrEqualTo(1));

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Baseline, Is.GreaterThan(3.5), "the baseline follows the volume, not the night");
        Assert.That(finding.Fired, Is.False);
    }

    [Test]
    public void Evaluate_MorningRiseWithTwiceTheUsualShare_Fires()
    {
        // The same rhythm, but the window's share of negative inquiries is far above the usual tenth.
        var series = Week(i => ChinaHour(i) is >= 9 and < 18 ? (40, 4) : (2, 0), window: (40, 16));

        Assert.That(_detector.Evaluate("nev", series, 1, Hour)!.Fired, Is.True);
    }

    [Test]
    public void Evaluate_WindowOfTwoBuckets_CountsBoth()
    {
        var series = Week(_ => (10, 0), window: (10, 3)).ToList();
        series[^2] = series[^2] with { Negative = 3 };

        var one = _detector.Evaluate("nev", series, 1, Hour)!;
        var two = _detector.Evaluate("nev", series, 2, Hour)!;

        Assert.That((one.Count, one.Fired), Is.EqualTo((3, false)));
        Assert.That((two.Count, two.Total, two.Fired), Is.EqualTo((6, 20, true)));
        Assert.That(two.WindowStart, Is.EqualTo(Now - Hour));
    }

    [Test]
    public void Evaluate_EarlierSpikeInTheBaseline_CountsOnlyUpToWhereItWouldHaveFired()
    {
        // A flat week (10 an hour, no negatives) except three hours yesterday with 30 negatives each: those hours
        // count only the negatives short of firing, not 90 in all. At the raw share (91 in 1,690) an hour of ten
        // inquiries expects 0.54 negatives and fires at 6 (P(X ≥ 6) = 2.1e-5 ≤ 3.2e-5 < P(X ≥ 5)), so each counts 5.
        var series = Week(i => (10, i is >= 144 and < 147 ? 30 : 0), window: (10, 5));

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Share, Is.EqualTo((3 * 5 + 1.0) / (1680 + 10)).Within(1e-12));
        Assert.That(finding.Fired, Is.True, "yesterday's spike does not hide today's");
    }

    [Test]
    public void Evaluate_HistoryBeyondBaselineDays_IsLeftOut()
    {
        // Eight days of history; only the last seven count.
        var series = Enumerable.Range(0, 8 * 24)
            .Select(i => new SeriesPoint(Now - ((8 * 24 - i) * Hour), 10, i < 24 ? 10 : 0))
            .Append(new SeriesPoint(Now, 10, 1))
            .ToList();

        var finding = _detector.Evaluate("nev", series, 1, Hour)!;

        Assert.That(finding.Share, Is.EqualTo(1.0 / 1690).Within(1e-12));
    }

    // A week of hourly buckets before Now from f(hour index), then the window at Now.
    private static List<SeriesPoint> Week(Func<int, (int Total, int Negative)> f, (int Total, int Negative) window)
    {
        var points = new List<SeriesPoint>();
        for (var i = 0; i < 7 * 24; i++)
        {
            var (total, negative) = f(i);
            points.Add(new SeriesPoint(Now - ((7 * 24 - i) * Hour), total, negative));
        }

        points.Add(new SeriesPoint(Now, window.Total, window.Negative));
        return points;
    }

    // The China-time hour of the i-th bucket of Week (index 0 is 10:00 a week before Now).
    private static int ChinaHour(int i) => (10 + i) % 24;
}
