using Microsoft.Extensions.Configuration;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Retrieval.Training;

namespace ResponseBot.Knowledge.Tests.Golden;

/// <summary>
/// The shipped demo base against Golden/questions.tsv (query → expected entry id, or "-" for "must fall back"),
/// with the shipped re-ranker and the thresholds of the root appsettings.json. Grow it from production misses.
/// </summary>
[Category("Model")]
public sealed class GoldenSetTests
{
    private static readonly string BaseDirectory = AppContext.BaseDirectory;

    private KnowledgeIndex _index = null!;
    private List<(string Query, string? Expected)> _golden = null!;

    [OneTimeSetUp]
    public void BuildIndex()
    {
        var options = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(BaseDirectory, "appsettings.json"))
            .Build()
            .GetSection(KnowledgeOptions.SectionName)
            .Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var engine = RetrievalEngine.Load(BaseDirectory, options);
        var entries = RerankerRecipe.ReadEntries(Path.Combine(BaseDirectory, "data", "kb", "demo.jsonl"))
            .Where(e => e.Status == EntryStatus.Published)
            .ToList();
        _index = engine.Build(entries, 1);
        _golden = File.ReadLines(Path.Combine(BaseDirectory, "Golden", "questions.tsv"))
            .Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[1].Trim() == "-" ? null : c[1].Trim()))
            .ToList()!;
    }

    [Test]
    public void GoldenSet_ExpectedIds_AllExistInTheDemoBase()
    {
        var unknown = _golden.Where(g => g.Expected is not null && _index.Find(g.Expected) is null).ToList();
        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public void Search_InScopeGoldenQueries_RankTheExpectedEntryFirstNineTimesInTen()
    {
        var inScope = _golden.Where(g => g.Expected is not null).ToList();
        var misses = inScope
            .Select(g => (g.Query, g.Expected, Result: _index.Search(g.Query)))
            .Where(r => r.Result.Best?.Entry.Id != r.Expected || r.Result.Tier == AnswerTier.Fallback)
            .Select(r => $"{r.Query} → {r.Result.Best?.Entry.Id ?? "nothing"} ({r.Result.Tier}, {r.Result.Best?.Score:F2}), expected {r.Expected}")
            .ToList();
        var top1 = 1.0 - ((double)misses.Count / inScope.Count);
        Assert.That(top1, Is.GreaterThanOrEqualTo(0.9), string.Join('\n', misses));
    }

    [Test]
    public void Search_OutOfScopeGoldenQueries_FallBackNineTimesInTen()
    {
        var outOfScope = _golden.Where(g => g.Expected is null).ToList();
        var answered = outOfScope
            .Select(g => (g.Query, Result: _index.Search(g.Query)))
            .Where(r => r.Result.Tier != AnswerTier.Fallback)
            .Select(r => $"{r.Query} → {r.Result.Best?.Entry.Id} ({r.Result.Tier}, {r.Result.Best?.Score:F2})")
            .ToList();
        var fallbackRate = 1.0 - ((double)answered.Count / outOfScope.Count);
        Assert.That(fallbackRate, Is.GreaterThanOrEqualTo(0.9), string.Join('\n', answered));
    }

    [Test]
    public void Search_GoldenQueriesAtTheAnswerTier_AreWrongUnderThreePercent()
    {
        var wrong = _golden
            .Select(g => (g.Query, g.Expected, Result: _index.Search(g.Query)))
            .Where(r => r.Result.Tier == AnswerTier.Answer && r.Result.Best!.Entry.Id != r.Expected)
            .Select(r => $"{r.Query} → {r.Result.Best!.Entry.Id} ({r.Result.Best.Score:F2}), expected {r.Expected ?? "fallback"}")
            .ToList();
        Assert.That((double)wrong.Count / _golden.Count, Is.LessThan(0.03), string.Join('\n', wrong));
    }
}
