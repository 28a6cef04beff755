using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Cli.Tests.Evaluation;

/// <summary>A retrieval system that returns, for each query text, the result it was told to.</summary>
internal sealed class FakeSearch(IReadOnlyDictionary<string, RankedResult> results) : IRankedSearch
{
    public int Calls { get; private set; }

    public RankedResult Search(string query, int take)
    {
        Calls++;
        var result = results.GetValueOrDefault(query, RankedResult.None);
        return result with { Ids = result.Ids.Take(take).ToArray() };
    }

    public static RankedResult Answer(double score, params string[] ids) => new(ids, AnswerTier.Answer, score);

    public static RankedResult Clarify(double score, params string[] ids) => new(ids, AnswerTier.Clarify, score);

    public static RankedResult Fallback(double score, params string[] ids) => new(ids, AnswerTier.Fallback, score);
}
