using ResponseBot.Knowledge.Evaluation;
using static ResponseBot.Cli.Tests.Evaluation.FakeSearch;

namespace ResponseBot.Cli.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    // Four in-scope queries (expected a…d) and two null queries; ranks of the expected entry: 1, 2, 4, absent.
    private static readonly Dictionary<string, RankedResult> Results = new()
    {
        ["qa"] = Answer(0.9, "a", "x"),            // right, answered
        ["qb"] = Clarify(0.4, "x", "b", "y"),      // rank 2
        ["qc"] = Answer(0.7, "x", "y", "z", "c"),  // rank 4, answered wrongly
        ["qd"] = Fallback(0.1, "x"),               // absent
        ["n1"] = Fallback(0.05, "x"),              // null, fell back: right
        ["n2"] = Answer(0.8, "y"),                 // null, answered: wrong
    };

    private static readonly EvalQuery[] Queries =
    [
        new("qa", "a"), new("qb", "b"), new("qc", "c"), new("qd", "d"), new("n1", null), new("n2", null),
    ];

    [Test]
    public void From_MixedOutcomes_ComputesEachShare()
    {
        var outcomes = RetrievalEvaluator.Run(new FakeSearch(Results), Queries, "fake");

        var metrics = RetrievalMetrics.From(outcomes);

        Assert.Multiple(() =>
        {
            Assert.That(metrics.InScope, Is.EqualTo(4));
            Assert.That(metrics.OutOfScope, Is.EqualTo(2));
            Assert.That(metrics.Top1, Is.EqualTo(0.25));
            Assert.That(metrics.Top3, Is.EqualTo(0.5));
            Assert.That(metrics.Mrr, Is.EqualTo((1 + 0.5 + 0.25 + 0) / 4).Within(1e-12));
            Assert.That(metrics.FallbackRate, Is.EqualTo(0.5));
            Assert.That(metrics.WrongAnswerRate, Is.EqualTo(2.0 / 6), "qc answered wrongly and n2 answered at all");
        });
    }

    [Test]
    public void From_ExpectedBeyondRankTen_AddsNothingToMrr()
    {
        var ids = Enumerable.Range(1, 11).Select(i => $"e{i}").ToArray();
        var outcome = new QueryOutcome(new EvalQuery("q", "e11"), Clarify(0.3, ids), 0.1);

        var metrics = RetrievalMetrics.From([outcome]);

        Assert.That(metrics.Mrr, Is.Zero);
    }

    [Test]
    public void From_NoNullQueries_FallbackRateIsZeroAndCountsSayWhy()
    {
        var outcome = new QueryOutcome(new EvalQuery("q", "a"), Answer(0.9, "a"), 0.1);

        var metrics = RetrievalMetrics.From([outcome]);

        Assert.That(metrics.FallbackRate, Is.Zero);
        Assert.That(metrics.OutOfScope, Is.Zero);
        Assert.That(metrics.Top1, Is.EqualTo(1));
    }

    [Test]
    public void From_NoOutcomes_IsAllZero()
    {
        var metrics = RetrievalMetrics.From([]);

        Assert.That(metrics, Is.EqualTo(new RetrievalMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    [TestCase(50, 50)]
    [TestCase(99, 99)]
    [TestCase(100, 100)]
    [TestCase(1, 1)]
    [TestCase(99.5, 100)]
    public void Percentile_OneToHundred_IsNearestRank(double percent, double expected)
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        Assert.That(RetrievalMetrics.Percentile(values, percent), Is.EqualTo(expected));
    }

    [TestCase(50, 2)]
    [TestCase(99, 4)]
    [TestCase(25, 1)]
    public void Percentile_FewValues_IsAlwaysAMeasuredValue(double percent, double expected) =>
        Assert.That(RetrievalMetrics.Percentile([4, 1, 3, 2], percent), Is.EqualTo(expected));

    [Test]
    public void Percentile_NoValues_IsZero() => Assert.That(RetrievalMetrics.Percentile([], 99), Is.Zero);

    [Test]
    public void Run_EveryQuery_SearchesTwiceAndKeepsOneOutcomeEach()
    {
        var search = new FakeSearch(Results);

        var outcomes = RetrievalEvaluator.Run(search, Queries, "fake");

        Assert.That(search.Calls, Is.EqualTo(2 * Queries.Length), "a warm-up pass, then the timed pass");
        Assert.That(outcomes.Select(o => o.Query), Is.EqualTo(Queries));
        Assert.That(outcomes.Select(o => o.Milliseconds), Is.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Run_WithProgress_ReportsBothPassesToCompletion()
    {
        var reports = new List<EvalProgress>();

        RetrievalEvaluator.Run(new FakeSearch(Results), Queries, "fake", new Collect(reports));

        Assert.That(reports, Does.Contain(new EvalProgress("fake: warm-up", 6, 6)));
        Assert.That(reports[^1], Is.EqualTo(new EvalProgress("fake: querying", 6, 6)));
    }

    private sealed class Collect(List<EvalProgress> reports) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => reports.Add(value);
    }
}
