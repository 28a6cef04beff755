using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>What an evaluation needs from one query: the ranked ids, the tier reached, and the best score.</summary>
/// <param name="Ids">Entry ids, best first, at most <see cref="RetrievalEvaluator.RankDepth"/>.</param>
/// <param name="Tier">The tier the system would act on.</param>
/// <param name="BestScore">The best hit's score (0 without hits); calibrated 0–1 for our engine, raw for the baseline.</param>
public sealed record RankedResult(IReadOnlyList<string> Ids, AnswerTier Tier, double BestScore)
{
    public static RankedResult None { get; } = new([], AnswerTier.Fallback, 0);
}

/// <summary>A retrieval system under evaluation: our engine, or the baseline it is compared with.</summary>
public interface IRankedSearch
{
    /// <summary>Ranks the entries for <paramref name="query"/>, keeping at most <paramref name="take"/>.</summary>
    RankedResult Search(string query, int take);
}

/// <summary>Our engine over one <see cref="KnowledgeIndex"/>, seen as an <see cref="IRankedSearch"/>.</summary>
public sealed class EngineRankedSearch(KnowledgeIndex index) : IRankedSearch
{
    public RankedResult Search(string query, int take)
    {
        var result = index.Search(query, take);
        return new RankedResult(result.Hits.Select(h => h.Entry.Id).ToArray(), result.Tier, result.Best?.Score ?? 0);
    }
}
