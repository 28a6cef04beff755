using ResponseBot.Bot.Privacy;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// One inquiry as the three insight models read it: a sparse, hashed vector of jieba words (single and adjacent
/// pairs) and character n-grams (1–3), each block with sublinear term frequency and unit length. Computed once per
/// inquiry and shared by all three models.
/// </summary>
/// <param name="Indices">Feature positions, ascending, each below <see cref="InquiryFeatures.Dimension"/>.</param>
/// <param name="Values">The value at each position.</param>
public sealed record FeatureVector(int[] Indices, float[] Values);

/// <summary>
/// Turns raw inquiry text into a <see cref="FeatureVector"/> with the knowledge engine's text analysis
/// (normalisation, jieba with the domain dictionary, synonyms folded). Personal data is masked first and digits
/// are folded, so a phone or ID number is one "number" feature rather than noise the models could learn from.
/// Thread-safe.
/// </summary>
public sealed class InquiryFeatures(ChineseAnalyzer analyzer)
{
    /// <summary>
    /// The version of this feature recipe. A model records the version it was trained on and is refused by another;
    /// bump it whenever a change here would move any feature.
    /// </summary>
    public const int Version = 1;

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

    private const uint WordSeed = 0x9E3779B1u;
    private const uint PairSeed = 0x85EBCA77u;
    private const uint CharSeed = 0xC2B2AE3Du;

    /// <summary>The analyzer the features are built on.</summary>
    public ChineseAnalyzer Analyzer { get; } = analyzer ?? throw new ArgumentNullException(nameof(analyzer));

    /// <summary>Masks personal data, analyses and hashes <paramref name="text"/>.</summary>
    public FeatureVector Featurize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var analysed = Analyzer.Analyze(PersonalData.Mask(text), withBigrams: false);
        return FromAnalysis(analysed);
    }

    /// <summary>The features of text already analysed by <see cref="Analyzer"/> (masked beforehand).</summary>
    public static FeatureVector FromAnalysis(AnalyzedText analysed)
    {
        ArgumentNullException.ThrowIfNull(analysed);
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
        var indices = new int[words.Length + pairs.Length + grams.Length];
        var values = new float[indices.Length];
        var count = AddBlock(words, WordWeight, indices, values, 0);
        count = AddBlock(pairs, PairWeight, indices, values, count);
        count = AddBlock(grams, CharWeight, indices, values, count);
        return Merge(indices, values, count);
    }

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
