using System.Text.Json;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>
/// A knowledge base with labelled queries (searched, every candidate a row) and labelled pairs (one query against one
/// named entry, judged same or not by people), for training or measuring retrieval.
/// </summary>
public sealed record RetrievalSet(
    string Name, IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<LabelledQuery> Queries,
    IReadOnlyList<LabelledPair>? Pairs = null);

/// <summary>A query and one entry, judged by people to ask the same thing or not.</summary>
public sealed record LabelledPair(string Query, string EntryId, bool Same);

/// <summary>
/// Turns public sentence-pair sets into FAQ retrieval sets the way the LCQMC benchmark is defined: the knowledge base
/// is the distinct first sentences, the queries are the second sentences of positive pairs that are not themselves in
/// the base. Readers for the formats under <c>shared/data/paraphrase</c>.
/// </summary>
public static class ParaphraseSets
{
    /// <summary>Builds a retrieval set from (sentence1, sentence2, same-meaning) pairs.</summary>
    public static RetrievalSet FromPairs(string name, IEnumerable<(string First, string Second, bool Same)> pairs, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.Where(p => p.First.Length > 0 && p.Second.Length > 0).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<KnowledgeEntry>();
        foreach (var (first, _, _) in list)
        {
            if (!ids.ContainsKey(first))
            {
                var id = $"{idPrefix}{ids.Count + 1:D5}";
                ids[first] = id;
                entries.Add(new KnowledgeEntry { Id = id, Question = first, Answer = first, Department = "office" });
            }
        }

        var queries = list
            .Where(p => p.Same && !ids.ContainsKey(p.Second))
            .Select(p => new LabelledQuery(p.Second, ids[p.First]))
            .ToList();
        var labelled = list
            .Where(p => !ids.ContainsKey(p.Second))
            .Select(p => new LabelledPair(p.Second, ids[p.First], p.Same))
            .ToList();
        return new RetrievalSet(name, entries, queries, labelled);
    }

    /// <summary>BQ corpus: <c>q1 \t q2 \t label</c>, no header.</summary>
    public static IEnumerable<(string, string, bool)> ReadTsvPairs(string path) =>
        File.ReadLines(path)
            .Select(l => l.Split('\t'))
            .Where(c => c.Length >= 3)
            .Select(c => (c[0].Trim(), c[1].Trim(), c[2].Trim() == "1"));

    /// <summary>AFQMC: JSON lines <c>{sentence1, sentence2, label}</c>.</summary>
    public static IEnumerable<(string, string, bool)> ReadJsonPairs(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            yield return (root.GetProperty("sentence1").GetString()?.Trim() ?? "",
                root.GetProperty("sentence2").GetString()?.Trim() ?? "",
                root.GetProperty("label").ToString() == "1");
        }
    }
}
