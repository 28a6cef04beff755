using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>What the first stage knows about one candidate entry for one query.</summary>
internal readonly record struct CandidateEvidence(
    Passage Passage,
    EntryTerms Entry,
    float WordBm25,
    float BigramBm25,
    float AnswerBm25,
    float EntryBm25,
    float FirstStage,
    float TopFirstStage,
    float BestOtherFirstStage,
    int Rank,
    int CandidateCount);

/// <summary>One question or alternate of an entry, analysed once at index time.</summary>
internal sealed record Passage(int Entry, string Text, AnalyzedText Analyzed, HashSet<string> Words, HashSet<string> RawWords, HashSet<string> Bigrams, string Compact);

/// <summary>The words of all of an entry's questions and alternates, and how many there are.</summary>
internal sealed record EntryTerms(HashSet<string> PassageWords, int PassageCount);

/// <summary>
/// The re-ranker's view of a (query, candidate) pair. Features are scale-free (shares, ratios, normalised scores)
/// so one model serves a 50-entry base and a 10,000-entry base alike. Order matters: the trained model reads them
/// by position, so add new ones at the end and retrain.
/// </summary>
internal static class RerankFeatures
{
    public static readonly string[] Names =
    [
        "word_bm25", "bigram_bm25", "answer_bm25", "first_stage_vs_top", "rank", "query_word_coverage",
        "passage_word_coverage", "query_raw_word_coverage", "query_bigram_coverage", "passage_bigram_coverage",
        "edit_similarity", "length_ratio", "longest_common_substring", "query_length_log", "max_missing_idf",
        "missing_word_count", "entry_word_coverage", "passage_count_log", "vs_best_other", "word_jaccard",
        "synonym_gain", "first_stage", "common_subsequence_of_query", "common_subsequence_of_passage", "entry_bm25",
        "passage_max_missing_idf", "passage_missing_word_count", "query_char_coverage", "passage_char_coverage",
    ];

    public static int Count => Names.Length;

    /// <summary>The position of the first-stage score, to compare the re-ranker with the first stage alone.</summary>
    public static int FirstStage { get; } = Array.IndexOf(Names, "first_stage");

    // inAnswer: whether the candidate's answer has a word. Answers are long, so the index looks it up in its
    // postings rather than keeping a set of words per entry (80 MB at 10,000 entries).
    public static float[] Compute(QueryTerms terms, in CandidateEvidence c, Func<string, bool> inAnswer, ChineseAnalyzer analyzer)
    {
        var p = c.Passage;
        var f = new float[Count];
        f[0] = c.WordBm25;
        f[1] = c.BigramBm25;
        f[2] = c.AnswerBm25;
        f[3] = c.TopFirstStage > 0 ? c.FirstStage / c.TopFirstStage : 0;
        f[4] = c.CandidateCount > 1 ? (float)c.Rank / (c.CandidateCount - 1) : 0;

        var asked = Overlap.Of(terms.Words, p.Words.Contains, analyzer);
        var passage = Overlap.Of(p.Words, terms.WordSet.Contains, analyzer);
        var raw = Overlap.Of(terms.RawWords, p.RawWords.Contains, analyzer);
        var entryTerms = c.Entry;
        var entry = Overlap.Of(terms.Words, w => entryTerms.PassageWords.Contains(w) || inAnswer(w), analyzer);
        f[5] = asked.Share;
        f[6] = passage.Share;
        f[7] = raw.Share;
        f[8] = Share(terms.Bigrams, p.Bigrams);
        f[9] = Share(p.Bigrams, terms.BigramSet);
        var compactQuery = terms.Compact;
        f[10] = EditSimilarity(compactQuery, p.Compact);
        f[11] = compactQuery.Length == 0 || p.Compact.Length == 0
            ? 0
            : (float)Math.Min(compactQuery.Length, p.Compact.Length) / Math.Max(compactQuery.Length, p.Compact.Length);
        f[12] = p.Compact.Length == 0 ? 0 : (float)LongestCommonSubstring(compactQuery, p.Compact) / p.Compact.Length;
        f[13] = MathF.Log(1 + compactQuery.Length);
        f[14] = asked.MaxMissingIdf / 14f;
        f[15] = asked.Missing;
        f[16] = entry.Share;
        f[17] = MathF.Log(1 + c.Entry.PassageCount);
        f[18] = c.BestOtherFirstStage > 0 ? Math.Min(5f, c.FirstStage / c.BestOtherFirstStage) : 5f;
        var union = terms.WordSet.Count + p.Words.Count;
        var intersection = terms.WordSet.Count(p.Words.Contains);
        f[19] = union - intersection > 0 ? (float)intersection / (union - intersection) : 0;
        f[20] = asked.Share - raw.Share;
        f[21] = c.FirstStage;
        var subsequence = LongestCommonSubsequence(compactQuery, p.Compact);
        f[22] = compactQuery.Length == 0 ? 0 : (float)subsequence / compactQuery.Length;
        f[23] = p.Compact.Length == 0 ? 0 : (float)subsequence / p.Compact.Length;
        f[24] = c.EntryBm25;

        // What the candidate asks that the query does not: 怎么设置头像 is not 怎么设置手机头像.
        f[25] = passage.MaxMissingIdf / 14f;
        f[26] = passage.Missing;
        f[27] = CharShare(compactQuery, p.Compact);
        f[28] = CharShare(p.Compact, compactQuery);
        return f;
    }

    private static float Share(IReadOnlyCollection<string> items, HashSet<string> within)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        var hit = 0;
        foreach (var item in items)
        {
            if (within.Contains(item))
            {
                hit++;
            }
        }

        return (float)hit / items.Count;
    }

    /// <summary>
    /// How much of a word list another text covers, each word weighted by its background IDF; and the most specific
    /// word it does not cover.
    /// </summary>
    private readonly record struct Overlap(float Share, float MaxMissingIdf, int Missing)
    {
        public static Overlap Of(IEnumerable<string> words, Func<string, bool> covers, ChineseAnalyzer analyzer)
        {
            float weight = 0, covered = 0, maxMissing = 0;
            var missing = 0;
            foreach (var word in words)
            {
                var idf = analyzer.BackgroundIdf(word);
                weight += idf;
                if (covers(word))
                {
                    covered += idf;
                }
                else
                {
                    missing++;
                    maxMissing = Math.Max(maxMissing, idf);
                }
            }

            return new Overlap(weight > 0 ? covered / weight : 0, maxMissing, missing);
        }
    }

    /// <summary>The share of <paramref name="a"/>'s characters that occur anywhere in <paramref name="b"/>.</summary>
    private static float CharShare(string a, string b)
    {
        if (a.Length == 0)
        {
            return 0;
        }

        var hit = 0;
        foreach (var c in a)
        {
            if (b.Contains(c, StringComparison.Ordinal))
            {
                hit++;
            }
        }

        return (float)hit / a.Length;
    }

    /// <summary>1 − Levenshtein distance / longer length; long texts are cut to keep this cheap.</summary>
    internal static float EditSimilarity(string a, string b)
    {
        const int Max = 64;
        a = a.Length > Max ? a[..Max] : a;
        b = b.Length > Max ? b[..Max] : b;
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return 1f - ((float)previous[b.Length] / Math.Max(a.Length, b.Length));
    }

    /// <summary>Characters the two texts share in the same order: word order survives, unlike bag-of-words overlap.</summary>
    internal static int LongestCommonSubsequence(string a, string b)
    {
        const int Max = 128;
        a = a.Length > Max ? a[..Max] : a;
        b = b.Length > Max ? b[..Max] : b;
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        previous.Clear();
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = 0;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }

    internal static int LongestCommonSubstring(string a, string b)
    {
        const int Max = 256;
        a = a.Length > Max ? a[..Max] : a;
        b = b.Length > Max ? b[..Max] : b;
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        var best = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            current.Clear();
            for (var j = 1; j <= b.Length; j++)
            {
                if (a[i - 1] == b[j - 1])
                {
                    current[j] = previous[j - 1] + 1;
                    best = Math.Max(best, current[j]);
                }
            }

            current.CopyTo(previous);
        }

        return best;
    }
}

/// <summary>A query's terms in the forms the features need, computed once per search.</summary>
internal sealed class QueryTerms
{
    public QueryTerms(AnalyzedText query)
    {
        Words = query.Words.Distinct(StringComparer.Ordinal).ToArray();
        WordSet = new HashSet<string>(Words, StringComparer.Ordinal);
        RawWords = query.RawWords.Distinct(StringComparer.Ordinal).ToArray();
        Bigrams = query.Bigrams.Distinct(StringComparer.Ordinal).ToArray();
        BigramSet = new HashSet<string>(Bigrams, StringComparer.Ordinal);
        Compact = query.Normalized.Replace(" ", "", StringComparison.Ordinal);
    }

    public string[] Words { get; }
    public HashSet<string> WordSet { get; }
    public string[] RawWords { get; }
    public string[] Bigrams { get; }
    public HashSet<string> BigramSet { get; }
    public string Compact { get; }
}
