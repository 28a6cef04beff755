using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ResponseBot.Bot.Privacy;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// One inquiry as the three insight models read it: a sparse, hashed vector of jieba words (single and adjacent
/// pairs), character n-grams (1–3) and the marks that the text analysis drops (emoticons, emoji, runs of ! ? …,
/// negated words), each block with sublinear term frequency and unit length. Computed once per inquiry and shared by
/// all three models.
/// </summary>
/// <param name="Indices">Feature positions, ascending, each below <see cref="InquiryFeatures.Dimension"/>.</param>
/// <param name="Values">The value at each position.</param>
public sealed record FeatureVector(int[] Indices, float[] Values);

/// <summary>
/// Turns raw inquiry text into a <see cref="FeatureVector"/> with the knowledge engine's text analysis
/// (normalisation, jieba with the domain dictionary, synonyms folded). Personal data is masked first and digits
/// are folded, so a phone or ID number is one "number" feature rather than noise the models could learn from;
/// @-mentions (Weibo and WeChat user names, repost chains) are dropped for the same reason. Thread-safe.
/// </summary>
public sealed partial class InquiryFeatures(ChineseAnalyzer analyzer)
{
    /// <summary>
    /// The version of this feature recipe. A model records the version it was trained on and is refused by another;
    /// bump it whenever a change here would move any feature.
    /// </summary>
    public const int Version = 2;

    /// <summary>Bits of the hashed feature space.</summary>
    public const int Bits = 18;

    /// <summary>The length of every feature vector.</summary>
    public const int Dimension = 1 << Bits;

    private const string Number = "<num>";

    // Words carry the meaning; character n-grams catch what jieba splits wrongly, typos and unknown words; word
    // pairs add order ("不 满意"). On SMP2020 other weights (words or chars alone, pairs 0–1) moved macro-F1 by
    // under a point; these keep all three.
    private const float WordWeight = 1f;
    private const float PairWeight = 0.5f;
    private const float CharWeight = 1f;

    // Emoticons, emoji, "！！！" and "不 + word" carry tone that the normaliser and the word block lose; half weight,
    // as a block of a few marks must not outweigh the words. On SMP2020 virus_train (5-fold) this block and dropping
    // @-mentions gave +1.1 points of 3-class macro-F1.
    private const float MarkWeight = 0.5f;

    private const uint WordSeed = 0x9E3779B1u;
    private const uint PairSeed = 0x85EBCA77u;
    private const uint CharSeed = 0xC2B2AE3Du;
    private const uint MarkSeed = 0x27D4EB2Fu;

    // The words after which the next word is read as negated (不 满意 → one "¬满意" mark).
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "不", "没", "没有", "别", "未", "无", "不要", "不能", "不会", "不是", "不想", "不敢",
    };

    /// <summary>The analyzer the features are built on.</summary>
    public ChineseAnalyzer Analyzer { get; } = analyzer ?? throw new ArgumentNullException(nameof(analyzer));

    /// <summary>Masks personal data, analyses and hashes <paramref name="text"/>.</summary>
    public FeatureVector Featurize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = Mention().Replace(PersonalData.Mask(text), " ");
        var analysed = Analyzer.Analyze(cleaned, withBigrams: false);
        return FromAnalysis(analysed, cleaned);
    }

    /// <summary>
    /// The features of <paramref name="text"/> (masked beforehand), given its analysis by <see cref="Analyzer"/>.
    /// </summary>
    public static FeatureVector FromAnalysis(AnalyzedText analysed, string text)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        ArgumentNullException.ThrowIfNull(text);
        var words = new uint[analysed.Words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var word = analysed.Words[i];
            words[i] = Hash(HasDigit(word) ? Number : word, WordSeed);
        }

        var pairs = new uint[Math.Max(0, words.Length - 1)];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = Mix(words[i] * 31u + words[i + 1], PairSeed);
        }

        var grams = CharGrams(analysed.Normalized);
        var marks = Marks(text, analysed.Words);
        var indices = new int[words.Length + pairs.Length + grams.Length + marks.Length];
        var values = new float[indices.Length];
        var count = AddBlock(words, WordWeight, indices, values, 0);
        count = AddBlock(pairs, PairWeight, indices, values, count);
        count = AddBlock(grams, CharWeight, indices, values, count);
        count = AddBlock(marks, MarkWeight, indices, values, count);
        return Merge(indices, values, count);
    }

    /// <summary>
    /// What the analysis drops but tone lives in: bracketed emoticons kept whole ("[怒]"), emoji and other symbols,
    /// each run of ! ? … ~ (one mark per kind, and one for a run of two or more), and every word after a negation.
    /// </summary>
    internal static uint[] Marks(string text, string[] words)
    {
        var marks = new List<uint>();
        foreach (var emoticon in Emoticon().EnumerateMatches(text))
        {
            marks.Add(Hash(text.AsSpan(emoticon.Index, emoticon.Length), MarkSeed));
        }

        var folded = text.Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (char.IsHighSurrogate(c) && i + 1 < folded.Length && char.IsLowSurrogate(folded[i + 1]))
            {
                marks.Add(Hash(folded.AsSpan(i, 2), MarkSeed));
                i++;
            }
            else if (char.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol)
            {
                marks.Add(Hash([c], MarkSeed));
            }
            else if (IsToneMark(c))
            {
                var end = i;
                var kinds = new StringBuilder();
                while (end < folded.Length && IsToneMark(folded[end]))
                {
                    // NFKC writes "…" as "...".
                    var kind = folded[end] == '.' ? '…' : folded[end];
                    if (!kinds.ToString().Contains(kind, StringComparison.Ordinal))
                    {
                        kinds.Append(kind);
                    }

                    end++;
                }

                // A lone full stop (3.5, an English sentence) is no mark.
                if (end - i > 1 || c != '.')
                {
                    marks.Add(Hash(kinds.ToString(0, 1), MarkSeed));
                    if (end - i > 1)
                    {
                        marks.Add(Hash("+" + kinds, MarkSeed));
                    }
                }

                i = end - 1;
            }
        }

        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (Negations.Contains(words[i]))
            {
                marks.Add(Hash("¬" + words[i + 1], MarkSeed));
            }
        }

        return [.. marks];
    }

    private static bool IsToneMark(char c) => c is '!' or '?' or '…' or '~' or '.';

    /// <summary>An @-mention: the user name up to the next space or punctuation.</summary>
    [GeneratedRegex(@"@[^\s:：,，。@/]{1,30}")]
    private static partial Regex Mention();

    /// <summary>A bracketed emoticon as Weibo and WeChat write them: [怒], [哈哈], [泪].</summary>
    [GeneratedRegex(@"\[[^\[\]\s]{1,8}\]")]
    private static partial Regex Emoticon();

    /// <summary>Character 1-, 2- and 3-grams of every space-separated run, digits folded to 0.</summary>
    private static uint[] CharGrams(string normalized)
    {
        var grams = new uint[normalized.Length * 3];
        var count = 0;
        Span<char> run = stackalloc char[3];
        var start = 0;
        for (var i = 0; i <= normalized.Length; i++)
        {
            if (i < normalized.Length && normalized[i] != ' ')
            {
                continue;
            }

            for (var p = start; p < i; p++)
            {
                for (var n = 1; n <= 3 && p + n <= i; n++)
                {
                    for (var k = 0; k < n; k++)
                    {
                        var c = normalized[p + k];
                        run[k] = char.IsAsciiDigit(c) ? '0' : c;
                    }

                    grams[count++] = Hash(run[..n], CharSeed + (uint)n);
                }
            }

            start = i + 1;
        }

        return grams[..count];
    }

    /// <summary>
    /// Writes one block from <paramref name="start"/> on: 1 + ln(count) per distinct hash, scaled to length
    /// <paramref name="weight"/>. Returns the new end.
    /// </summary>
    private static int AddBlock(uint[] hashes, float weight, int[] indices, float[] values, int start)
    {
        if (hashes.Length == 0)
        {
            return start;
        }

        Array.Sort(hashes);
        var end = start;
        var sumSquares = 0.0;
        for (var i = 0; i < hashes.Length;)
        {
            var j = i;
            while (j < hashes.Length && hashes[j] == hashes[i])
            {
                j++;
            }

            var value = 1f + MathF.Log(j - i);
            indices[end] = (int)(hashes[i] & (Dimension - 1));
            values[end++] = value;
            sumSquares += value * value;
            i = j;
        }

        var scale = (float)(weight / Math.Sqrt(sumSquares));
        for (var i = start; i < end; i++)
        {
            values[i] *= scale;
        }

        return end;
    }

    /// <summary>Sorts the first <paramref name="count"/> entries by index and adds up entries that share one.</summary>
    private static FeatureVector Merge(int[] indices, float[] values, int count)
    {
        Array.Sort(indices, values, 0, count);
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct > 0 && indices[distinct - 1] == indices[i])
            {
                values[distinct - 1] += values[i];
            }
            else
            {
                indices[distinct] = indices[i];
                values[distinct++] = values[i];
            }
        }

        return new FeatureVector(indices[..distinct], values[..distinct]);
    }

    private static bool HasDigit(string word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    // FNV-1a over UTF-16 code units, then a finaliser so nearby strings spread over the whole space. Stable across
    // runs and machines, unlike string.GetHashCode.
    private static uint Hash(ReadOnlySpan<char> text, uint seed)
    {
        var hash = 2166136261u ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Mix(hash, seed);
    }

    private static uint Mix(uint hash, uint seed)
    {
        hash ^= seed;
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        hash ^= hash >> 16;
        return hash;
    }
}
