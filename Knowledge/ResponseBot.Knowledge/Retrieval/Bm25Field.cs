namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// An inverted index over one field of many documents with Okapi BM25 scoring. Documents are term arrays; scores
/// are added into a caller's accumulator so several fields can share one pass. Immutable after construction.
/// </summary>
internal sealed class Bm25Field
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    private readonly Dictionary<string, int> _termIds;
    private readonly int[][] _postingDocs;
    private readonly float[][] _postingWeights;
    private readonly float[] _idf;

    public Bm25Field(IReadOnlyList<string[]> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        DocumentCount = documents.Count;
        var averageLength = documents.Count == 0 ? 1f : (float)documents.Average(d => d.Length);
        averageLength = Math.Max(averageLength, 1f);

        var postings = new Dictionary<string, List<(int Doc, int Tf)>>(StringComparer.Ordinal);
        for (var doc = 0; doc < documents.Count; doc++)
        {
            foreach (var group in documents[doc].GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(group.Key, out var list))
                {
                    postings[group.Key] = list = [];
                }

                list.Add((doc, group.Count()));
            }
        }

        _termIds = new Dictionary<string, int>(postings.Count, StringComparer.Ordinal);
        _postingDocs = new int[postings.Count][];
        _postingWeights = new float[postings.Count][];
        _idf = new float[postings.Count];
        MaxIdf = Idf(0);
        var id = 0;
        foreach (var (term, list) in postings)
        {
            _termIds[term] = id;
            _idf[id] = Idf(list.Count);
            _postingDocs[id] = new int[list.Count];
            _postingWeights[id] = new float[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                var (doc, tf) = list[i];
                var norm = K1 * (1 - B + (B * documents[doc].Length / averageLength));
                _postingDocs[id][i] = doc;
                _postingWeights[id][i] = _idf[id] * tf * (K1 + 1) / (tf + norm);
            }

            id++;
        }
    }

    public int DocumentCount { get; }

    /// <summary>The IDF of a term no document contains: the most a query term can weigh.</summary>
    public float MaxIdf { get; }

    /// <summary>IDF of <paramref name="term"/> in this field (<see cref="MaxIdf"/> when unseen).</summary>
    public float IdfOf(string term) => _termIds.TryGetValue(term, out var id) ? _idf[id] : MaxIdf;

    /// <summary>
    /// The score a document would get if it matched every distinct query term at saturation; dividing by it puts
    /// scores of different queries and bases on one 0–1 scale.
    /// </summary>
    public float IdealScore(IReadOnlyList<string> distinctTerms)
    {
        ArgumentNullException.ThrowIfNull(distinctTerms);
        var sum = 0f;
        foreach (var term in distinctTerms)
        {
            sum += IdfOf(term) * (K1 + 1);
        }

        return sum;
    }

    /// <summary>Adds <paramref name="weight"/> × BM25 of each document into <paramref name="scores"/>.</summary>
    public void Score(IReadOnlyList<string> distinctTerms, float weight, Span<float> scores, List<int> touched)
    {
        ArgumentNullException.ThrowIfNull(distinctTerms);
        ArgumentNullException.ThrowIfNull(touched);
        foreach (var term in distinctTerms)
        {
            if (!_termIds.TryGetValue(term, out var id))
            {
                continue;
            }

            var docs = _postingDocs[id];
            var weights = _postingWeights[id];
            for (var i = 0; i < docs.Length; i++)
            {
                var doc = docs[i];
                if (scores[doc] == 0f)
                {
                    touched.Add(doc);
                }

                scores[doc] += weight * weights[i];
            }
        }
    }

    /// <summary>BM25 of one document, for features computed after candidates are chosen.</summary>
    public float ScoreOne(IReadOnlyList<string> distinctTerms, int document)
    {
        ArgumentNullException.ThrowIfNull(distinctTerms);
        var sum = 0f;
        foreach (var term in distinctTerms)
        {
            if (!_termIds.TryGetValue(term, out var id))
            {
                continue;
            }

            var index = Array.BinarySearch(_postingDocs[id], document);
            if (index >= 0)
            {
                sum += _postingWeights[id][index];
            }
        }

        return sum;
    }

    /// <summary>Whether <paramref name="document"/> has <paramref name="term"/>.</summary>
    public bool Contains(string term, int document) =>
        _termIds.TryGetValue(term, out var id) && Array.BinarySearch(_postingDocs[id], document) >= 0;

    private float Idf(int documentFrequency) =>
        MathF.Log(1f + ((DocumentCount - documentFrequency + 0.5f) / (documentFrequency + 0.5f)));
}
