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
            words[i] = Hash(word.Any(char.IsAsciiDigit) ? Number : word, WordSeed);
        }

        var entries = new List<(int Index, float Value)>(analysed.Normalized.Length * 3 + words.Length * 2);
        AddBlock(entries, words, WordWeight);
        var pairs = new uint[Math.Max(0, words.Length - 1)];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = Mix(words[i] * 31u + words[i + 1], PairSeed);
        }

        AddBlock(entries, pairs, PairWeight);
        AddBlock(entries, CharGrams(analysed.Normalized), CharWeight);
        return Merge(entries);
    }

    /// <summary>Character 1-, 2- and 3-grams of every space-separated run, digits folded to 0.</summary>
    private static uint[] CharGrams(string normalized)
    {
        var grams = new List<uint>(normalized.Length * 3);
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

                    grams.Add(Hash(run[..n], CharSeed + (uint)n));
                }
            }

            start = i + 1;
        }

        return [.. grams];
    }

    /// <summary>Adds one block: 1 + ln(count) per distinct hash, scaled to length <paramref name="weight"/>.</summary>
    private static void AddBlock(List<(int Index, float Value)> entries, uint[] hashes, float weight)
    {
        if (hashes.Length == 0)
        {
            return;
        }

        Array.Sort(hashes);
        var start = entries.Count;
        var sumSquares = 0.0;
        for (var i = 0; i < hashes.Length;)
        {
            var j = i;
            while (j < hashes.Length && hashes[j] == hashes[i])
            {
                j++;
            }

            var value = 1f + MathF.Log(j - i);
            entries.Add(((int)(hashes[i] & (Dimension - 1)), value));
            sumSquares += value * value;
            i = j;
        }

        var scale = (float)(weight / Math.Sqrt(sumSquares));
        for (var i = start; i < entries.Count; i++)
        {
            entries[i] = (entries[i].Index, entries[i].Value * scale);
        }
    }

    private static FeatureVector Merge(List<(int Index, float Value)> entries)
    {
        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        var indices = new List<int>(entries.Count);
        var values = new List<float>(entries.Count);
        foreach (var (index, value) in entries)
        {
            if (indices.Count > 0 && indices[^1] == index)
            {
                values[^1] += value;
            }
            else
            {
                indices.Add(index);
                values.Add(value);
            }
        }

        return new FeatureVector([.. indices], [.. values]);
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
