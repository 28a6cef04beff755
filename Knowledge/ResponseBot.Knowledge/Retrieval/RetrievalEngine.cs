using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// What a process loads once and shares: the Chinese analyzer (jieba dictionaries, domain words, synonyms) and the
/// trained re-ranker. It builds an immutable <see cref="KnowledgeIndex"/> per snapshot.
/// </summary>
public sealed class RetrievalEngine
{
    private readonly KnowledgeOptions _options;

    private RetrievalEngine(KnowledgeOptions options) => _options = options;

    public KnowledgeOptions Options => _options;

    /// <summary>Loads dictionaries from <c>data/</c> and the re-ranker from <c>models/</c> under <paramref name="baseDirectory"/>.</summary>
    public static RetrievalEngine Load(string baseDirectory, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return new RetrievalEngine(options);
    }

    /// <summary>Indexes <paramref name="entries"/>; <paramref name="progress"/> receives the count indexed so far.</summary>
    public KnowledgeIndex Build(IReadOnlyList<KnowledgeEntry> entries, int snapshotVersion, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new KnowledgeIndex(entries, snapshotVersion, _options);
    }
}
