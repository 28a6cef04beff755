using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Text;
using ResponseBot.Knowledge.Transfer;

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
        IReadOnlyList<KnowledgeEntry> demoBase, IReadOnlyList<EvalQuery> demoQueries, string? sharedData,
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
            if (File.Exists(moreDemo) && MoreDemoQueries(moreDemo, demoBase) is { } more)
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
                .Select(m => new EvalQuery(m.Subject, null))
                .ToList();
            sets.Add((new RetrievalSet("demo-out-of-scope", demoBase, outOfScope), 1f, TrainingUse.Queries));
            sets.Add((new RetrievalSet("demo-topic-swapped", demoBase, TopicSwapped(demoBase, messages, analyzer)), 2f, TrainingUse.Queries));
        }

        return sets;
    }

    private static IReadOnlyList<EvalQuery>? MoreDemoQueries(string path, IReadOnlyList<KnowledgeEntry> trainingBase)
    {
        try
        {
            return EvalSet.ReadQueries(path, trainingBase.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
        }
        catch (EvalInputException)
        {
            // Expects ids the training base lacks: it was given another base than the demo (train reranker --kb).
            return null;
        }
    }

    /// <summary>
    /// Out-of-scope questions that look like in-scope ones: an entry's question with its most specific word replaced
    /// by a word from citizens' everyday matters (个税退税什么时候到账 against 技改补贴什么时候到账). Without them the
    /// re-ranker learns that sharing "什么时候到账" is enough.
    /// </summary>
    internal static IReadOnlyList<EvalQuery> TopicSwapped(
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
        var queries = new List<EvalQuery>();
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
                queries.Add(new EvalQuery(swapped, null));
            }
        }

        return queries;
    }

    /// <summary>Reads a base stored as one entry JSON a line, every field kept (status included).</summary>
    /// <exception cref="InvalidDataException">A line is not an entry; the message names it.</exception>
    public static IReadOnlyList<KnowledgeEntry> ReadEntries(string path)
    {
        using var file = File.OpenRead(path);
        var rows = EntryFiles.Read(file, EntryFormat.JsonLines);
        var bad = rows.FirstOrDefault(r => r.Entry is null);
        return bad is null
            ? rows.Select(r => r.Entry!).ToList()
            : throw new InvalidDataException($"{path} line {bad.Row}: {bad.Error}");
    }
}
