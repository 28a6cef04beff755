using System.Buffers;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// An immutable index over one set of entries. Search is two-stage: BM25 over words and character bigrams of every
/// question and alternate (and, weighted lower, the answer) picks candidates; the re-ranker scores each candidate
/// with a calibrated probability, and the best probability decides the tier.
/// </summary>
public sealed class KnowledgeIndex : IKnowledgeSearch
{
    /// <summary>How many first-stage candidates the re-ranker sees.</summary>
    internal const int CandidateCount = 20;

    private const float AnswerWeight = 0.3f;

    // All of an entry's questions together: a query may borrow words from two phrasings of the same question.
    private const float EntryWeight = 0.5f;

    private readonly IReadOnlyList<KnowledgeEntry> _entries;
    private readonly Dictionary<string, int> _byId;
    private readonly Passage[] _passages;
    private readonly EntryTerms[] _entryTerms;
    private readonly Bm25Field _words;
    private readonly Bm25Field _bigrams;
    private readonly Bm25Field _answers;
    private readonly Bm25Field _entryWords;
    private readonly ChineseAnalyzer _analyzer;
    private readonly Reranker? _reranker;
    private readonly KnowledgeOptions _options;

    internal KnowledgeIndex(
        IReadOnlyList<KnowledgeEntry> entries, int snapshotVersion, ChineseAnalyzer analyzer, Reranker? reranker,
        KnowledgeOptions options, IProgress<int>? progress)
    {
        _entries = entries;
        _analyzer = analyzer;
        _reranker = reranker;
        _options = options;
        SnapshotVersion = snapshotVersion;
        _byId = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            _byId.TryAdd(entries[i].Id, i);
        }

        // Segmentation is most of the cost of a build and each entry is independent: analyse on every core.
        var analyzed = new (string Text, AnalyzedText Analyzed)[entries.Count][];
        var answers = new AnalyzedText[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var entry = entries[i];
            analyzed[i] = entry.Alternates.Prepend(entry.Question)
                .Distinct(StringComparer.Ordinal)
                .Select(text => (text, analyzer.Analyze(text)))
                .Where(p => p.Item2.Words.Length > 0 || p.Item2.Bigrams.Length > 0)
                .ToArray();
            answers[i] = analyzer.Analyze(entry.Answer, withBigrams: false);
            var count = Interlocked.Increment(ref done);
            if (count % 500 == 0)
            {
                progress?.Report(count);
            }
        });

        var passages = new List<Passage>(entries.Count * 4);
        _entryTerms = new EntryTerms[entries.Count];
        var answerDocs = new string[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (text, a) in analyzed[i])
            {
                passages.Add(new Passage(
                    i, text, a, [.. a.Words], [.. a.RawWords], [.. a.Bigrams], a.Normalized.Replace(" ", "", StringComparison.Ordinal)));
                words.UnionWith(a.Words);
            }

            answerDocs[i] = answers[i].Words;
            _entryTerms[i] = new EntryTerms(words, analyzed[i].Length);
        }

        progress?.Report(entries.Count);
        _passages = [.. passages];
        _words = new Bm25Field(_passages.Select(p => p.Analyzed.Words).ToArray());
        _bigrams = new Bm25Field(_passages.Select(p => p.Analyzed.Bigrams).ToArray());
        _answers = new Bm25Field(answerDocs);
        _entryWords = new Bm25Field(analyzed.Select(a => a.SelectMany(p => p.Analyzed.Words).ToArray()).ToArray());
    }

    public int SnapshotVersion { get; }

    public int Count => _entries.Count;

    /// <summary>The indexed entries, in the order given.</summary>
    public IReadOnlyList<KnowledgeEntry> Entries => _entries;

    /// <summary>The indexed entry with this id, or null.</summary>
    public KnowledgeEntry? Find(string id) => _byId.TryGetValue(id, out var i) ? _entries[i] : null;

    public SearchResult Search(string text, int take = 5)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = _analyzer.Analyze(text);
        var scored = Score(query, excludedPassage: -1);
        var hits = scored
            .Take(Math.Max(take, 1))
            .Select(s => new SearchHit(_entries[s.Entry], s.Probability, s.Bm25, s.Passage.Text))
            .ToList();
        var runnerUp = scored.Count > 1 ? scored[1].Probability : 0;
        return new SearchResult(text, TierOf(hits.Count > 0 ? hits[0].Score : 0, runnerUp), hits, SnapshotVersion);
    }

    /// <summary>The tier the configured thresholds give the best hit, and the runner-up's closeness to it.</summary>
    internal AnswerTier TierOf(double best, double runnerUp)
    {
        if (best < _options.ClarifyThreshold)
        {
            return AnswerTier.Fallback;
        }

        var ambiguous = runnerUp >= _options.ClarifyThreshold && best - runnerUp < _options.AmbiguityMargin;
        return best >= _options.AnswerThreshold && !ambiguous ? AnswerTier.Answer : AnswerTier.Clarify;
    }

    /// <summary>
    /// Candidates for <paramref name="query"/> with their features and calibrated scores, best first.
    /// <paramref name="excludedPassage"/> hides one passage, so training can ask an alternate without finding itself.
    /// </summary>
    internal List<ScoredCandidate> Score(AnalyzedText query, int excludedPassage)
    {
        var terms = new QueryTerms(query);
        var results = new List<ScoredCandidate>(CandidateCount);
        if (terms.Words.Length == 0 && terms.Bigrams.Length == 0 || _passages.Length == 0)
        {
            return results;
        }

        var wordIdeal = _words.IdealScore(terms.Words);
        var bigramIdeal = _bigrams.IdealScore(terms.Bigrams);
        var answerIdeal = _answers.IdealScore(terms.Words);
        var entryIdeal = _entryWords.IdealScore(terms.Words);
        var passageScores = ArrayPool<float>.Shared.Rent(_passages.Length);
        var entryScores = ArrayPool<float>.Shared.Rent(_entries.Count);
        var bestPassage = ArrayPool<int>.Shared.Rent(_entries.Count);
        var touchedPassages = new List<int>(256);
        try
        {
            var passageSpan = passageScores.AsSpan(0, _passages.Length);
            var entrySpan = entryScores.AsSpan(0, _entries.Count);
            passageSpan.Clear();
            entrySpan.Clear();
            if (wordIdeal > 0)
            {
                _words.Score(terms.Words, 1f / wordIdeal, passageSpan, touchedPassages);
            }

            if (bigramIdeal > 0)
            {
                _bigrams.Score(terms.Bigrams, 1f / bigramIdeal, passageSpan, touchedPassages);
            }

            // Entry score: its best passage, plus a little for the answer text.
            var touchedEntries = new List<int>(touchedPassages.Count);
            foreach (var p in touchedPassages)
            {
                if (p == excludedPassage)
                {
                    continue;
                }

                var e = _passages[p].Entry;
                if (entrySpan[e] == 0f)
                {
                    touchedEntries.Add(e);
                    entrySpan[e] = passageSpan[p];
                    bestPassage[e] = p;
                }
                else if (passageSpan[p] > entrySpan[e])
                {
                    entrySpan[e] = passageSpan[p];
                    bestPassage[e] = p;
                }
            }

            if (touchedEntries.Count == 0)
            {
                return results;
            }

            var top = TopK(touchedEntries, entryScores, CandidateCount * 2);
            var answerScores = new float[top.Count];
            var wholeEntryScores = new float[top.Count];
            for (var i = 0; i < top.Count; i++)
            {
                answerScores[i] = answerIdeal > 0 ? _answers.ScoreOne(terms.Words, top[i]) / answerIdeal : 0;
                wholeEntryScores[i] = entryIdeal > 0 ? _entryWords.ScoreOne(terms.Words, top[i]) / entryIdeal : 0;
            }

            var firstStage = top
                .Select((e, i) => (Entry: e, Score: entryScores[e] + (AnswerWeight * answerScores[i]) + (EntryWeight * wholeEntryScores[i]), Answer: answerScores[i], Whole: wholeEntryScores[i]))
                .OrderByDescending(x => x.Score)
                .Take(CandidateCount)
                .ToArray();
            var topScore = firstStage[0].Score;
            var secondScore = firstStage.Length > 1 ? firstStage[1].Score : 0;
            for (var rank = 0; rank < firstStage.Length; rank++)
            {
                var (entry, score, answer, whole) = firstStage[rank];
                var passage = _passages[bestPassage[entry]];
                var evidence = new CandidateEvidence(
                    passage, _entryTerms[entry],
                    wordIdeal > 0 ? _words.ScoreOne(terms.Words, bestPassage[entry]) / wordIdeal : 0,
                    bigramIdeal > 0 ? _bigrams.ScoreOne(terms.Bigrams, bestPassage[entry]) / bigramIdeal : 0,
                    answer, whole, score, topScore, rank == 0 ? secondScore : topScore, rank, firstStage.Length);
                var features = RerankFeatures.Compute(terms, evidence, w => _answers.Contains(w, entry), _analyzer);
                var probability = _reranker?.Probability(features) ?? Math.Clamp(score / 2f, 0f, 1f);
                results.Add(new ScoredCandidate(entry, passage, probability, score, features));
            }

            results.Sort((a, b) => b.Probability.CompareTo(a.Probability));
            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(passageScores);
            ArrayPool<float>.Shared.Return(entryScores);
            ArrayPool<int>.Shared.Return(bestPassage);
        }
    }

    /// <summary>The passage index of each passage's text, for leave-one-out training.</summary>
    internal IEnumerable<(int Index, Passage Passage)> Passages => _passages.Select((p, i) => (i, p));

    internal ChineseAnalyzer Analyzer => _analyzer;

    internal int EntryIndexOf(string id) => _byId.TryGetValue(id, out var i) ? i : -1;

    private static List<int> TopK(List<int> items, float[] scores, int k)
    {
        if (items.Count <= k)
        {
            return items;
        }

        items.Sort((a, b) => scores[b].CompareTo(scores[a]));
        return items.GetRange(0, k);
    }
}

/// <summary>One candidate after re-ranking.</summary>
internal sealed record ScoredCandidate(int Entry, Passage Passage, float Probability, float Bm25, float[] Features);
