using System.Text.Json;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>
/// The data the shipped re-ranker is trained on, in one place so the model card and the command agree:
/// the demo base's own alternates (each asked with itself hidden), the team-written demo queries (in scope and out),
/// public government messages (long stories against their subjects; their subjects asked of the demo base as
/// out-of-scope questions). LCQMC is left out on purpose: it is the benchmark.
/// </summary>
public static class RerankerRecipe
{
    public static IReadOnlyList<(RetrievalSet Set, float Weight, TrainingUse Use)> Build(
        IReadOnlyList<KnowledgeEntry> demoBase, IReadOnlyList<LabelledQuery> demoQueries, string? sharedData)
    {
        ArgumentNullException.ThrowIfNull(demoBase);
        ArgumentNullException.ThrowIfNull(demoQueries);
        var sets = new List<(RetrievalSet, float, TrainingUse)>
        {
            (new RetrievalSet("demo", demoBase, demoQueries), 3f, TrainingUse.Queries | TrainingUse.LeaveOneOut),
        };
        var gov = sharedData is null ? null : Path.Combine(sharedData, "gov", "messages_with_official_replies.csv");
        if (gov is not null && File.Exists(gov))
        {
            var messages = GovMessages.Read(gov);
            sets.Add((GovMessages.SubjectsAskedByStory(messages, storyLength: 200), 1f, TrainingUse.Queries));
            var outOfScope = messages
                .Where((_, i) => i % 4 == 0)
                .Select(m => new LabelledQuery(m.Subject, null))
                .ToList();
            sets.Add((new RetrievalSet("demo-out-of-scope", demoBase, outOfScope), 1f, TrainingUse.Queries));
        }

        return sets;
    }

    /// <summary>Reads <c>{"query", "expected"}</c> lines.</summary>
    public static IReadOnlyList<LabelledQuery> ReadQueries(string path)
    {
        var queries = new List<LabelledQuery>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var expected = doc.RootElement.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()
                : null;
            queries.Add(new LabelledQuery(doc.RootElement.GetProperty("query").GetString() ?? "", expected));
        }

        return queries;
    }

    /// <summary>Reads a base stored as one entry JSON a line.</summary>
    public static IReadOnlyList<KnowledgeEntry> ReadEntries(string path) =>
        File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<KnowledgeEntry>(l, EntryJson.Options)!)
            .ToList();
}
