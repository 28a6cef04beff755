using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>An immutable index over one set of entries. PLACEHOLDER ranking: replaced by BM25 + re-ranker.</summary>
public sealed class KnowledgeIndex : IKnowledgeSearch
{
    private readonly IReadOnlyList<KnowledgeEntry> _entries;
    private readonly KnowledgeOptions _options;

    internal KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, int snapshotVersion, KnowledgeOptions options)
    {
        _entries = entries;
        _options = options;
        SnapshotVersion = snapshotVersion;
    }

    public int SnapshotVersion { get; }

    public int Count => _entries.Count;

    /// <summary>The indexed entries, in the order given.</summary>
    public IReadOnlyList<KnowledgeEntry> Entries => _entries;

    /// <summary>The indexed entry with this id, or null.</summary>
    public KnowledgeEntry? Find(string id) => _entries.FirstOrDefault(e => e.Id == id);

    public SearchResult Search(string text, int take = 5)
    {
        ArgumentNullException.ThrowIfNull(text);
        var grams = Grams(text);
        var hits = _entries
            .Select(e => (Entry: e, Score: grams.Count == 0 ? 0 : (double)grams.Intersect(Grams(e.Question + string.Join(' ', e.Alternates))).Count() / grams.Count))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .Take(take)
            .Select(h => new SearchHit(h.Entry, h.Score, h.Score, h.Entry.Question))
            .ToList();
        var best = hits.Count > 0 ? hits[0].Score : 0;
        var tier = best >= _options.AnswerThreshold ? AnswerTier.Answer
            : best >= _options.ClarifyThreshold ? AnswerTier.Clarify : AnswerTier.Fallback;
        return new SearchResult(text, tier, hits, SnapshotVersion);
    }

    private static HashSet<string> Grams(string s) =>
        Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2)).ToHashSet();
}
