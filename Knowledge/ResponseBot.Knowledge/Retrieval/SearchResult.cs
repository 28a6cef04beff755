using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>How sure the engine is: answer outright, offer numbered choices, or say plainly it has no answer.</summary>
public enum AnswerTier
{
    Answer,
    Clarify,
    Fallback,
}

/// <summary>One ranked entry. <see cref="Score"/> is calibrated to 0–1; <see cref="Bm25"/> is the raw first-stage score.</summary>
public sealed record SearchHit(KnowledgeEntry Entry, double Score, double Bm25, string MatchedText);

/// <summary>The ranked hits for one query and the tier their best score falls in.</summary>
public sealed record SearchResult(string Query, AnswerTier Tier, IReadOnlyList<SearchHit> Hits, int SnapshotVersion)
{
    public SearchHit? Best => Hits.Count > 0 ? Hits[0] : null;
}

/// <summary>Searches the knowledge base that is live now. Thread-safe; reads never block a publish.</summary>
public interface IKnowledgeSearch
{
    /// <summary>The published snapshot version the answers come from (0 when nothing is published).</summary>
    int SnapshotVersion { get; }

    /// <summary>Ranks entries for <paramref name="text"/> and returns at most <paramref name="take"/> hits.</summary>
    SearchResult Search(string text, int take = 5);
}
