using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>
/// The yardstick our engine is measured against: plain BM25 over Lucene.Net's SmartCn word segmentation, with no
/// domain dictionary, synonyms or re-ranking. It has no calibrated confidence, so it answers with its top hit
/// whenever it has one and falls back only when nothing matches.
/// </summary>
public sealed class LuceneBaseline : IRankedSearch, IDisposable
{
    /// <summary>Answers match user wording less closely than questions do; they count, but for less.</summary>
    public const float AnswerBoost = 0.3f;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string QuestionField = "question";
    private const string AnswerField = "answer";

    // Each query term becomes two clauses (question, answer); a long pasted text must not exceed Lucene's limit.
    private const int MaxQueryTerms = 400;

    private readonly Analyzer _analyzer;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly string[] _ids;

    private LuceneBaseline(Analyzer analyzer, RAMDirectory directory)
    {
        _analyzer = analyzer;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };

        // Read the ids once: loading a stored document per hit would be part of every timed search.
        _ids = new string[_reader.MaxDoc];
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            _ids[doc] = _reader.Document(doc).Get(IdField);
        }
    }

    public int Count => _ids.Length;

    /// <summary>Indexes question and alternates as one field, answer as another, in memory.</summary>
    public static LuceneBaseline Build(IReadOnlyList<KnowledgeEntry> entries, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var analyzer = new SmartChineseAnalyzer(Version);
        var directory = new RAMDirectory();
        try
        {
            var config = new IndexWriterConfig(Version, analyzer)
            {
                Similarity = new BM25Similarity(),
                OpenMode = OpenMode.CREATE,
            };
            using (var writer = new IndexWriter(directory, config))
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    var document = new Document
                    {
                        new StringField(IdField, entry.Id, Field.Store.YES),
                        new TextField(QuestionField, entry.Question, Field.Store.NO),
                    };
                    foreach (var alternate in entry.Alternates)
                    {
                        document.Add(new TextField(QuestionField, alternate, Field.Store.NO));
                    }

                    document.Add(new TextField(AnswerField, entry.Answer, Field.Store.NO));
                    writer.AddDocument(document);
                    if ((i + 1) % 500 == 0 || i + 1 == entries.Count)
                    {
                        progress?.Report(i + 1);
                    }
                }

                writer.Commit();
            }

            return new LuceneBaseline(analyzer, directory);
        }
        catch
        {
            directory.Dispose();
            analyzer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A BooleanQuery of SHOULD TermQuerys, one per distinct analyzed token and field. No QueryParser: user text is
    /// full of characters that are query syntax to it.
    /// </summary>
    public RankedResult Search(string query, int take)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = Tokens(query).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        if (terms.Count == 0)
        {
            return RankedResult.None;
        }

        var boolean = new BooleanQuery();
        foreach (var term in terms)
        {
            boolean.Add(new TermQuery(new Term(QuestionField, term)), Occur.SHOULD);
            boolean.Add(new TermQuery(new Term(AnswerField, term)) { Boost = AnswerBoost }, Occur.SHOULD);
        }

        var top = _searcher.Search(boolean, Math.Max(1, take));
        if (top.ScoreDocs.Length == 0)
        {
            return RankedResult.None;
        }

        var ids = top.ScoreDocs.Select(d => _ids[d.Doc]).ToArray();
        return new RankedResult(ids, AnswerTier.Answer, top.ScoreDocs[0].Score);
    }

    /// <summary>The tokens SmartCn makes of <paramref name="text"/> (lower-cased, punctuation and stop words dropped).</summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        using var stream = _analyzer.GetTokenStream(QuestionField, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
