using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// The live knowledge base of this process: the index of the latest published snapshot, swapped atomically when a
/// new snapshot is loaded, so a search never sees half of two versions.
/// </summary>
public sealed class KnowledgeBase(RetrievalEngine engine) : IKnowledgeSearch
{
    private volatile KnowledgeIndex _index = engine.Build([], 0);

    public int SnapshotVersion => _index.SnapshotVersion;

    /// <summary>The entries of the live snapshot, by id.</summary>
    public KnowledgeIndex Current => _index;

    /// <summary>Builds an index for <paramref name="snapshot"/> and makes it live.</summary>
    public void Load(KnowledgeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _index = engine.Build(snapshot.Entries, snapshot.Version);
    }

    public SearchResult Search(string text, int take = 5) => _index.Search(text, take);
}
