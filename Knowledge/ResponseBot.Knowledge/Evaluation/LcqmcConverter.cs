using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>The two files <see cref="LcqmcConverter"/> wrote, and how many lines each has.</summary>
public sealed record LcqmcConversion(string KnowledgeBasePath, int Entries, string QueriesPath, int Queries);

/// <summary>
/// Turns the public LCQMC question pairs (CSV <c>sentence1,sentence2,label</c>) into an evaluation set for
/// <c>responsebot eval retrieval</c>: the distinct first sentences become the knowledge base, and the second sentence
/// of each paraphrase pair becomes a query expecting its first sentence. LCQMC has no answers, so entries have none.
/// </summary>
public static class LcqmcConverter
{
    public const string KnowledgeBaseFileName = "kb.jsonl";
    public const string QueriesFileName = "queries.jsonl";

    public static LcqmcConversion Convert(string inputPath, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outDirectory);
        var pairs = ReadPairs(inputPath);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<KnowledgeEntry>();
        foreach (var (first, _, _) in pairs)
        {
            if (!ids.ContainsKey(first))
            {
                var id = $"q{ids.Count + 1:D5}";
                ids.Add(first, id);
                entries.Add(new KnowledgeEntry
                {
                    Id = id,
                    Question = first,
                    Answer = "",
                    Department = EvalSet.DefaultDepartment,
                });
            }
        }

        // A second sentence that is itself an entry's question would be a lookup, not a paraphrase to find.
        var queries = pairs
            .Where(p => p.Positive && !ids.ContainsKey(p.Second))
            .Select(p => new EvalQuery(p.Second, ids[p.First]))
            .ToList();

        Directory.CreateDirectory(outDirectory);
        var kbPath = Path.Combine(outDirectory, KnowledgeBaseFileName);
        var queriesPath = Path.Combine(outDirectory, QueriesFileName);
        JsonLines.Write(kbPath, entries, EvalSet.WriteKnowledgeLine);
        JsonLines.Write(queriesPath, queries, EvalSet.WriteQueryLine);
        return new LcqmcConversion(kbPath, entries.Count, queriesPath, queries.Count);
    }

    private static List<(string First, string Second, bool Positive)> ReadPairs(string path)
    {
        var pairs = new List<(string, string, bool)>();
        foreach (var (line, values) in CsvColumns.Read(path, "sentence1", "sentence2", "label"))
        {
            if (values[0].Length == 0 || values[1].Length == 0 || values[2] is not ("0" or "1"))
            {
                throw new EvalInputException(
                    $"{Path.GetFileName(path)} line {line}: expected two sentences and a label 0 or 1");
            }

            pairs.Add((values[0], values[1], values[2] == "1"));
        }

        return pairs;
    }
}
