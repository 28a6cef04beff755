using JiebaNet.Segmenter;

namespace ResponseBot.Knowledge.Text;

/// <summary>
/// Chinese text analysis shared by indexing and querying: normalisation, jieba word segmentation with the domain
/// dictionary, synonym folding, and character bigrams. Thread-safe once constructed.
/// </summary>
public sealed class ChineseAnalyzer
{
    // Function words that never decide which question was asked. Question words (怎么, 哪些, 多久) stay: they
    // separate "how to apply" from "which materials".
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "么", "嘛", "和", "与", "及", "或", "是", "在", "有", "我", "我们",
        "你", "你们", "您", "他", "她", "它", "他们", "这", "那", "这个", "那个", "就", "也", "都", "还", "又", "请",
        "一下", "下", "个", "一个", "把", "被", "给", "让", "对", "从", "向", "为", "之", "而", "着", "过", "得", "地",
        "所", "以", "及其", "其", "该", "此", "呗", "哈", "嗯", "喂", "吗?", "啦", "咯", "么样",
    };

    private static readonly Lock JiebaInit = new();

    private readonly JiebaSegmenter _segmenter;
    private readonly TextNormalizer _normalizer;
    private readonly SynonymTable _synonyms;
    private readonly IReadOnlyDictionary<string, float> _backgroundIdf;
    private readonly float _defaultIdf;

    private ChineseAnalyzer(
        JiebaSegmenter segmenter, TextNormalizer normalizer, SynonymTable synonyms,
        IReadOnlyDictionary<string, float> backgroundIdf)
    {
        _segmenter = segmenter;
        _normalizer = normalizer;
        _synonyms = synonyms;
        _backgroundIdf = backgroundIdf;
        _defaultIdf = backgroundIdf.Count == 0 ? 10f : Median(backgroundIdf.Values);
    }

    public SynonymTable Synonyms => _synonyms;

    /// <summary>
    /// Loads jieba's dictionaries from <c>jieba/</c> and ours from <c>data/text/</c> under
    /// <paramref name="baseDirectory"/>. jieba's dictionary is process-wide, so domain words are added once.
    /// </summary>
    public static ChineseAnalyzer Load(string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var jiebaDir = Path.Combine(baseDirectory, "jieba");
        var textDir = Path.Combine(baseDirectory, "data", "text");
        if (!File.Exists(Path.Combine(jiebaDir, "dict.txt")))
        {
            throw new FileNotFoundException($"jieba dictionary not found in {jiebaDir}; the build copies it there.");
        }

        var synonyms = SynonymTable.Parse(ReadLinesOrEmpty(Path.Combine(textDir, "synonyms.txt")));
        var normalizer = new TextNormalizer(ReadLinesOrEmpty(Path.Combine(textDir, "fillers.txt")));
        JiebaSegmenter segmenter;
        lock (JiebaInit)
        {
            ConfigManager.ConfigFileBaseDir = jiebaDir;
            segmenter = new JiebaSegmenter();
            var userDict = Path.Combine(textDir, "userdict.txt");
            if (File.Exists(userDict))
            {
                segmenter.LoadUserDict(userDict);
            }

            // Synonym terms must come out of segmentation whole, or 电动车 could never meet 新能源汽车.
            foreach (var term in synonyms.Terms.Where(t => t.Length >= 2 && t.All(TextNormalizer.IsCjk)))
            {
                if (!WordDictionary.Instance.ContainsWord(term))
                {
                    segmenter.AddWord(term, 2000, "n");
                }
            }
        }

        return new ChineseAnalyzer(segmenter, normalizer, synonyms, LoadIdf(Path.Combine(jiebaDir, "idf.txt")));
    }

    /// <summary>Normalises, segments and folds <paramref name="text"/>.</summary>
    public AnalyzedText Analyze(string text) => Analyze(text, withBigrams: true);

    /// <summary>
    /// As <see cref="Analyze(string)"/>; without bigrams when <paramref name="withBigrams"/> is false, for long
    /// texts such as answers that are matched by words alone.
    /// </summary>
    public AnalyzedText Analyze(string text, bool withBigrams)
    {
        var normalized = _normalizer.Normalize(text);
        var raw = new List<string>();
        foreach (var piece in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (run, cjk) in Runs(piece))
            {
                // Latin and digit runs stay whole: jieba would cut "plmk" into a dictionary word "plm" and "k".
                if (!cjk)
                {
                    raw.Add(run);
                    continue;
                }

                foreach (var word in _segmenter.Cut(run, cutAll: false, hmm: true))
                {
                    if (word.Length > 0 && !StopWords.Contains(word) && word.Any(TextNormalizer.IsWordChar))
                    {
                        raw.Add(word);
                    }
                }
            }
        }

        var words = new string[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            words[i] = _synonyms.Canonical(raw[i]);
        }

        return new AnalyzedText(normalized, words, [.. raw], withBigrams ? Bigrams(normalized) : []);
    }

    /// <summary>The normalised form alone, for callers that only compare strings.</summary>
    public string Normalize(string text) => _normalizer.Normalize(text);

    /// <summary>
    /// How informative a word is in general Chinese (jieba's IDF table), independent of the size of the knowledge
    /// base being searched: a small base cannot estimate that 社保 is rare and specific.
    /// </summary>
    public float BackgroundIdf(string word) => _backgroundIdf.TryGetValue(word, out var idf) ? idf : _defaultIdf;

    /// <summary>Character bigrams of each CJK run; a lone CJK character and each Latin/digit run count whole.</summary>
    public static string[] Bigrams(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var grams = new List<string>(normalized.Length);
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (c == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            var cjk = TextNormalizer.IsCjk(c);
            while (i < normalized.Length && normalized[i] != ' ' && TextNormalizer.IsCjk(normalized[i]) == cjk)
            {
                i++;
            }

            var run = normalized.AsSpan(start, i - start);
            if (!cjk || run.Length == 1)
            {
                grams.Add(run.ToString());
                continue;
            }

            for (var k = 0; k + 1 < run.Length; k++)
            {
                grams.Add(run.Slice(k, 2).ToString());
            }
        }

        return [.. grams];
    }

    /// <summary>The maximal runs of CJK and of other characters in a piece of text without spaces.</summary>
    private static IEnumerable<(string Run, bool Cjk)> Runs(string piece)
    {
        var start = 0;
        for (var i = 1; i <= piece.Length; i++)
        {
            if (i == piece.Length || TextNormalizer.IsCjk(piece[i]) != TextNormalizer.IsCjk(piece[start]))
            {
                yield return (piece[start..i], TextNormalizer.IsCjk(piece[start]));
                start = i;
            }
        }
    }

    private static IEnumerable<string> ReadLinesOrEmpty(string path) =>
        File.Exists(path) ? File.ReadLines(path) : [];

    private static Dictionary<string, float> LoadIdf(string path)
    {
        var idf = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in ReadLinesOrEmpty(path))
        {
            var space = line.LastIndexOf(' ');
            if (space > 0 && float.TryParse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                idf[line[..space]] = value;
            }
        }

        return idf;
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
