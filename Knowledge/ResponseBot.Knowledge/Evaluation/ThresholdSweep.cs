namespace ResponseBot.Knowledge.Evaluation;

/// <summary>What one candidate threshold would do to a query set, judged by the best hit's calibrated score.</summary>
/// <param name="Threshold">The candidate threshold.</param>
/// <param name="Answered">Share of all queries whose best score reaches it (they would be answered outright).</param>
/// <param name="WrongAnswerRate">Share of all queries answered with a wrong entry, null queries answered included.</param>
/// <param name="Top1AmongAnswered">Of the queries answered, the share whose first hit is the expected entry.</param>
/// <param name="NullFallback">As a clarify threshold: share of null queries whose best score falls below it.</param>
/// <param name="InScopeKept">As a clarify threshold: share of in-scope queries whose best score reaches it.</param>
public sealed record SweepRow(
    double Threshold, double Answered, double WrongAnswerRate, double Top1AmongAnswered, double NullFallback,
    double InScopeKept);

/// <summary>
/// Chooses the answer and clarify thresholds from data: the lowest answer threshold whose wrong-answer rate stays
/// within <see cref="MaxWrongAnswerRate"/>, and the highest clarify threshold that still keeps
/// <see cref="MinInScopeKept"/> of in-scope queries out of fallback.
/// </summary>
public sealed record ThresholdSweep(IReadOnlyList<SweepRow> Rows, double? RecommendedAnswer, double? RecommendedClarify)
{
    /// <summary>A wrong answer stated with confidence costs more than a clarifying question; allow few.</summary>
    public const double MaxWrongAnswerRate = 0.03;

    /// <summary>Fallback hands the user to a person; most answerable questions should at least get choices.</summary>
    public const double MinInScopeKept = 0.90;

    /// <summary>The candidate thresholds: 0.05, 0.10 … 0.95.</summary>
    public static IReadOnlyList<double> Candidates { get; } =
        Enumerable.Range(1, 19).Select(step => Math.Round(step * 0.05, 2)).ToArray();

    public static ThresholdSweep From(IReadOnlyList<QueryOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var inScope = outcomes.Where(o => o.Query.Expected is not null).ToList();
        var outOfScope = outcomes.Where(o => o.Query.Expected is null).ToList();
        var rows = Candidates.Select(t =>
        {
            var answered = outcomes.Where(o => Reaches(o, t)).ToList();
            var right = answered.Count(o => o.TopIsRight);
            return new SweepRow(
                Threshold: t,
                Answered: RetrievalMetrics.Share(answered.Count, outcomes.Count),
                WrongAnswerRate: RetrievalMetrics.Share(answered.Count - right, outcomes.Count),
                Top1AmongAnswered: RetrievalMetrics.Share(right, answered.Count),
                NullFallback: RetrievalMetrics.Share(outOfScope.Count(o => !Reaches(o, t)), outOfScope.Count),
                InScopeKept: RetrievalMetrics.Share(inScope.Count(o => Reaches(o, t)), inScope.Count));
        }).ToList();

        // Without queries there is no evidence, so nothing to recommend.
        var answer = outcomes.Count == 0
            ? null
            : rows.FirstOrDefault(r => r.WrongAnswerRate <= MaxWrongAnswerRate)?.Threshold;
        var clarify = inScope.Count == 0
            ? null
            : rows.LastOrDefault(r => r.InScopeKept >= MinInScopeKept)?.Threshold;
        return new ThresholdSweep(rows, answer, clarify);
    }

    // The engine answers when the score is at or above the threshold; the sweep judges the same way.
    private static bool Reaches(QueryOutcome outcome, double threshold) =>
        outcome.Result.Ids.Count > 0 && outcome.Result.BestScore >= threshold;
}
