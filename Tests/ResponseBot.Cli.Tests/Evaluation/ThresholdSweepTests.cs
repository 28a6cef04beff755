using ResponseBot.Knowledge.Evaluation;
using static ResponseBot.Cli.Tests.Evaluation.FakeSearch;

namespace ResponseBot.Cli.Tests.Evaluation;

public sealed class ThresholdSweepTests
{
    [Test]
    public void Candidates_AreFivePercentSteps() =>
        Assert.That(ThresholdSweep.Candidates, Is.EqualTo(Enumerable.Range(1, 19).Select(i => i / 20.0)).Within(1e-12));

    [Test]
    public void From_OneWrongAnswerAtPointSix_RecommendsTheFirstThresholdAboveIt()
    {
        // 20 in-scope queries answered right at 0.80; one null query whose best score is 0.60.
        var outcomes = Enumerable.Range(0, 20)
            .Select(i => Outcome($"q{i}", $"e{i}", Answer(0.8, $"e{i}")))
            .Append(Outcome("n", null, Answer(0.6, "e0")))
            .ToList();

        var sweep = ThresholdSweep.From(outcomes);

        var at60 = sweep.Rows.Single(r => r.Threshold == 0.6);
        var at65 = sweep.Rows.Single(r => r.Threshold == 0.65);
        Assert.Multiple(() =>
        {
            Assert.That(at60.Answered, Is.EqualTo(1.0));
            Assert.That(at60.WrongAnswerRate, Is.EqualTo(1.0 / 21));
            Assert.That(at60.Top1AmongAnswered, Is.EqualTo(20.0 / 21));
            Assert.That(at60.NullFallback, Is.Zero);
            Assert.That(at65.WrongAnswerRate, Is.Zero);
            Assert.That(at65.NullFallback, Is.EqualTo(1.0));
            Assert.That(sweep.RecommendedAnswer, Is.EqualTo(0.65), "1/21 is 4.8 %, above 3 %");
        });
    }

    [Test]
    public void From_ScoresSpread_RecommendsHighestClarifyKeepingNinetyPercent()
    {
        // In-scope best scores 0.05, 0.10 … 0.50 (ten queries): 90 % reach 0.10, 80 % reach 0.15.
        var outcomes = Enumerable.Range(1, 10)
            .Select(i => Outcome($"q{i}", $"e{i}", Clarify(i * 0.05, $"e{i}")))
            .ToList();

        var sweep = ThresholdSweep.From(outcomes);

        Assert.That(sweep.RecommendedClarify, Is.EqualTo(0.10));
        Assert.That(sweep.Rows.Single(r => r.Threshold == 0.1).InScopeKept, Is.EqualTo(0.9));
    }

    [Test]
    public void From_NoHits_CountsAsNotReachingAnyThreshold()
    {
        var outcomes = new[] { Outcome("n", null, RankedResult.None) };

        var sweep = ThresholdSweep.From(outcomes);

        Assert.That(sweep.Rows.Select(r => r.NullFallback), Is.All.EqualTo(1.0));
        Assert.That(sweep.RecommendedAnswer, Is.EqualTo(0.05));
        Assert.That(sweep.RecommendedClarify, Is.Null, "no in-scope query, no evidence");
    }

    [Test]
    public void From_WrongEvenAtTheTop_RecommendsNoAnswerThreshold()
    {
        var outcomes = new[] { Outcome("q", "a", Answer(0.99, "b")) };

        Assert.That(ThresholdSweep.From(outcomes).RecommendedAnswer, Is.Null);
    }

    private static QueryOutcome Outcome(string query, string? expected, RankedResult result) =>
        new(new EvalQuery(query, expected), result, 0.1);
}
