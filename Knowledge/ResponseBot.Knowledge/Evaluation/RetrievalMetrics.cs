using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>What one query got from one system, and how long the search took.</summary>
public sealed record QueryOutcome(EvalQuery Query, RankedResult Result, double Milliseconds)
{
    /// <summary>True when the query has an expected entry and it is ranked first.</summary>
    public bool TopIsRight => Query.Expected is not null && Result.Ids.Count > 0 && Result.Ids[0] == Query.Expected;

    /// <summary>1-based rank of the expected entry among the results, or 0 when absent or not expected.</summary>
    public int RankOfExpected
    {
        get
        {
            if (Query.Expected is null)
            {
                return 0;
            }

            for (var i = 0; i < Result.Ids.Count; i++)
            {
                if (Result.Ids[i] == Query.Expected)
                {
                    return i + 1;
                }
            }

            return 0;
        }
    }
}

/// <summary>
/// The headline numbers of one system on one query set. Shares are 0–1; a share whose denominator is empty is 0,
/// and the counts say when that happened.
/// </summary>
/// <param name="Top1">Queries with an expected entry that rank it first.</param>
/// <param name="Top3">Queries with an expected entry that rank it in the first three.</param>
/// <param name="Mrr">Mean reciprocal rank of the expected entry within the first 10 (0 when absent).</param>
/// <param name="FallbackRate">Queries without an answer (expected null) that got the fallback tier.</param>
/// <param name="WrongAnswerRate">All queries answered at the answer tier with a wrong entry; a null query answered is wrong.</param>
/// <param name="P50Ms">Median search latency in milliseconds.</param>
/// <param name="P99Ms">99th-percentile search latency in milliseconds.</param>
/// <param name="InScope">How many queries have an expected entry.</param>
/// <param name="OutOfScope">How many queries have none.</param>
public sealed record RetrievalMetrics(
    double Top1, double Top3, double Mrr, double FallbackRate, double WrongAnswerRate, double P50Ms, double P99Ms,
    int InScope, int OutOfScope)
{
    /// <summary>MRR counts a hit only within this many ranks.</summary>
    public const int MrrDepth = 10;

    public static RetrievalMetrics From(IReadOnlyList<QueryOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var inScope = outcomes.Where(o => o.Query.Expected is not null).ToList();
        var outOfScope = outcomes.Where(o => o.Query.Expected is null).ToList();
        var latencies = outcomes.Select(o => o.Milliseconds).ToList();
        return new RetrievalMetrics(
            Top1: Share(inScope.Count(o => o.TopIsRight), inScope.Count),
            Top3: Share(inScope.Count(o => o.RankOfExpected is >= 1 and <= 3), inScope.Count),
            Mrr: inScope.Count == 0
                ? 0
                : inScope.Sum(o => o.RankOfExpected is >= 1 and <= MrrDepth ? 1.0 / o.RankOfExpected : 0) / inScope.Count,
            FallbackRate: Share(outOfScope.Count(o => o.Result.Tier == AnswerTier.Fallback), outOfScope.Count),
            WrongAnswerRate: Share(outcomes.Count(o => o.Result.Tier == AnswerTier.Answer && !o.TopIsRight), outcomes.Count),
            P50Ms: Percentile(latencies, 50),
            P99Ms: Percentile(latencies, 99),
            InScope: inScope.Count,
            OutOfScope: outOfScope.Count);
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or
    /// below it. It is always one of the measured values, never an interpolation; 0 for no values.
    /// </summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        // Multiply before dividing so whole percentages of whole counts stay exact.
        var rank = (int)Math.Ceiling(percent * sorted.Length / 100);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    internal static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
}
