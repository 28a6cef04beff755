using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// What a process loads once and shares: the Chinese analyzer (jieba dictionaries, domain words, synonyms) and the
/// trained re-ranker. It builds an immutable <see cref="KnowledgeIndex"/> per snapshot.
/// </summary>
public sealed class RetrievalEngine
{
    /// <summary>The re-ranker's file, relative to the base directory.</summary>
    public const string RerankerPath = "models/reranker.zip";

    private RetrievalEngine(ChineseAnalyzer analyzer, Reranker? reranker, KnowledgeOptions options)
    {
        Analyzer = analyzer;
        Reranker = reranker;
        Options = options;
    }

    public KnowledgeOptions Options { get; }

    public ChineseAnalyzer Analyzer { get; }

    internal Reranker? Reranker { get; }

    /// <summary>
    /// Loads dictionaries from <c>data/</c> and <c>jieba/</c> and the re-ranker from <c>models/</c> under
    /// <paramref name="baseDirectory"/>. A missing re-ranker is an error unless <paramref name="requireReranker"/>
    /// is false (training bootstraps from the first stage alone).
    /// </summary>
    public static RetrievalEngine Load(string baseDirectory, KnowledgeOptions options, bool requireReranker = true)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var analyzer = ChineseAnalyzer.Load(baseDirectory);
        var modelPath = Path.Combine(baseDirectory, RerankerPath);
        Reranker? reranker = null;
        if (File.Exists(modelPath))
        {
            reranker = Reranker.Load(modelPath);
        }
        else if (requireReranker)
        {
            throw new FileNotFoundException(
                $"The re-ranker model {modelPath} is missing; it is built into the output from Knowledge/models/. " +
                "Run `responsebot train reranker` to make a new one.", modelPath);
        }

        return new RetrievalEngine(analyzer, reranker, options);
    }

    /// <summary>Indexes <paramref name="entries"/>; <paramref name="progress"/> receives the count indexed so far.</summary>
    public KnowledgeIndex Build(IReadOnlyList<KnowledgeEntry> entries, int snapshotVersion, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new KnowledgeIndex(entries, snapshotVersion, Analyzer, Reranker, Options, progress);
    }

    internal RetrievalEngine WithReranker(Reranker? reranker) => new(Analyzer, reranker, Options);
}
