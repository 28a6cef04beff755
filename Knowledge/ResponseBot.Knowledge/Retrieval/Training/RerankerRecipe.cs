using System.Text.Json;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>
/// The data the shipped re-ranker is trained on, in one place so the model card and the command agree:
/// the demo base's own alternates (each asked with itself hidden), the team-written demo queries (in scope and out,
/// <c>data/train/demo-queries.jsonl</c> and <c>demo-queries-2.jsonl</c>), and public government messages (long
/// stories against their subjects; their subjects asked of the demo base as
/// out-of-scope questions). LCQMC is left out on purpose: it is the benchmark.
/// </summary>
public static class RerankerRecipe
{
    public static IReadOnlyList<(RetrievalSet Set, float Weight, TrainingUse Use)> Build(
        IReadOnlyList<KnowledgeEntry> demoBase, IReadOnlyList<LabelledQuery> demoQueries, string? sharedData,
        ChineseAnalyzer analyzer, string? trainDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(demoBase);
        ArgumentNullException.ThrowIfNull(demoQueries);
        demoBase = demoBase.Where(e => e.Status == EntryStatus.Published).ToList();
        var sets = new List<(RetrievalSet, float, TrainingUse)>
        {
            (new RetrievalSet("demo", demoBase, demoQueries), 3f, TrainingUse.Queries | TrainingUse.LeaveOneOut),
        };
        if (trainDirectory is not null)
        {
            // These queries are labelled against the demo base: they only apply when training against it.
            var moreDemo = Path.Combine(trainDirectory, "demo-queries-2.jsonl");
            var ids = demoBase.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var more = File.Exists(moreDemo) ? ReadQueries(moreDemo) : [];
            if (more.Count > 0 && more.All(q => q.Expected is null || ids.Contains(q.Expected)))
            {
                sets.Add((new RetrievalSet("demo-more", demoBase, more), 3f, TrainingUse.Queries));
            }
        }

        var gov = sharedData is null ? null : Path.Combine(sharedData, "gov", "messages_with_official_replies.csv");
        if (gov is not null && File.Exists(gov))
        {
            var messages = GovMessages.Read(gov);
            sets.Add((GovMessages.SubjectsAskedByStory(messages, storyLength: 200), 0.3f, TrainingUse.Queries));
            var outOfScope = messages
                .Where((_, i) => i % 4 == 0)
                .Select(m => new LabelledQuery(m.Subject, null))
                .ToList();
            sets.Add((new RetrievalSet("demo-out-of-scope", demoBase, outOfScope), 1f, TrainingUse.Queries));
            sets.Add((new RetrievalSet("demo-topic-swapped", demoBase, TopicSwapped(demoBase, messages, analyzer)), 2f, TrainingUse.Queries));
        }

        return sets;
    }

    /// <summary>
    /// Out-of-scope questions that look like in-scope ones: an entry's question with its most specific word replaced
    /// by a word from citizens' everyday matters (个税退税什么时候到账 against 技改补贴什么时候到账). Without them the
    /// re-ranker learns that sharing "什么时候到账" is enough.
    /// </summary>
    internal static IReadOnlyList<LabelledQuery> TopicSwapped(
        IReadOnlyList<KnowledgeEntry> entries, IReadOnlyList<(string Subject, string Detail)> messages, ChineseAnalyzer analyzer)
    {
        var known = entries
            .SelectMany(e => e.Alternates.Append(e.Question).Append(e.Answer))
            .SelectMany(t => analyzer.Analyze(t).RawWords)
            .ToHashSet(StringComparer.Ordinal);
        var foreign = messages
            .SelectMany(m => analyzer.Analyze(m.Subject).RawWords)
            .Where(w => w.Length >= 2 && w.All(TextNormalizer.IsCjk) && !known.Contains(w) && analyzer.BackgroundIdf(w) >= 7)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (foreign.Length == 0)
        {
            return [];
        }

        var random = new Random(17);
        var queries = new List<LabelledQuery>();
        foreach (var text in entries.SelectMany(e => e.Alternates.Prepend(e.Question)))
        {
            var words = analyzer.Analyze(text).RawWords;
            if (words.Length < 2)
            {
                continue;
            }

            var topic = words.MaxBy(analyzer.BackgroundIdf)!;
            var swapped = text.Replace(topic, foreign[random.Next(foreign.Length)], StringComparison.Ordinal);
            if (swapped != text)
            {
                queries.Add(new LabelledQuery(swapped, null));
            }
        }

        return queries;
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
