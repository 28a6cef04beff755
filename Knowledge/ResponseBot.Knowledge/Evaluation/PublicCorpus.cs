using System.Buffers;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>
/// A large knowledge base made from public Chinese questions, for measuring speed and memory at a realistic size
/// (<c>responsebot bench search</c> and the BenchmarkDotNet suite). Questions: the distinct LCQMC first sentences,
/// then 泰迪杯 message subjects (留言主题), then the first sentence of those messages' details. Answers: the
/// government's official replies (答复意见), reused in turn, so entries have answers of a real length. Queries: the
/// LCQMC second sentences in file order — paraphrases of entries and near misses alike — repeated as needed.
/// The data is public research data kept beside the repository, never in it.
/// </summary>
public sealed record PublicCorpus(IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<string> Queries)
{
    public const string LcqmcFile = "paraphrase/LCQMC_dev.csv";
    public const string MessagesFile = "gov/messages_with_official_replies.csv";
    public const int DefaultEntries = 10_000;
    public const int DefaultQueries = 2_000;

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？!?；;\n\r");

    /// <summary>
    /// Finds the public data folder: <c>shared/data</c> in or above any of <paramref name="startDirectories"/>
    /// (the checkout lives beside <c>shared/</c>). Null when none has it.
    /// </summary>
    public static string? FindDataDirectory(params IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (HasFiles(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="dataDirectory"/> has both files the corpus is built from.</summary>
    public static bool HasFiles(string dataDirectory) =>
        File.Exists(Path.Combine(dataDirectory, LcqmcFile)) && File.Exists(Path.Combine(dataDirectory, MessagesFile));

    /// <summary>Builds <paramref name="entryCount"/> entries and <paramref name="queryCount"/> queries.</summary>
    /// <exception cref="EvalInputException">The files are missing or hold fewer distinct questions than asked for.</exception>
    public static PublicCorpus Load(string dataDirectory, int entryCount = DefaultEntries, int queryCount = DefaultQueries)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entryCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queryCount);
        if (!HasFiles(dataDirectory))
        {
            throw new EvalInputException($"{dataDirectory}: needs {LcqmcFile} and {MessagesFile}");
        }

        var pairs = ReadRows(Path.Combine(dataDirectory, LcqmcFile), "sentence1", "sentence2");
        var messages = ReadRows(Path.Combine(dataDirectory, MessagesFile), "留言主题", "留言详情", "答复意见");
        var replies = messages.Select(m => Clip(m[2], KnowledgeEntry.MaxAnswerLength)).Where(r => r.Length > 0).ToArray();
        if (pairs.Count == 0 || replies.Length == 0)
        {
            throw new EvalInputException($"{dataDirectory}: the data files are empty");
        }

        var questions = pairs.Select(p => p[0])
            .Concat(messages.Select(m => m[0]))
            .Concat(messages.Select(m => FirstSentence(m[1])))
            .Where(q => q.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(entryCount)
            .ToList();
        if (questions.Count < entryCount)
        {
            throw new EvalInputException(
                $"{dataDirectory}: only {questions.Count} distinct questions, fewer than the {entryCount} asked for");
        }

        var entries = questions.Select((q, i) => new KnowledgeEntry
        {
            Id = $"c{i + 1:D5}",
            Question = q,
            Answer = replies[i % replies.Length],
            Department = EvalSet.DefaultDepartment,
            Status = EntryStatus.Published,
            Version = 1,
        }).ToList();
        var queries = Enumerable.Range(0, queryCount).Select(i => pairs[i % pairs.Count][1]).ToList();
        return new PublicCorpus(entries, queries);
    }

    private static List<string[]> ReadRows(string path, params string[] columns) =>
        CsvColumns.Read(path, columns).Select(row => row.Values).ToList();

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(SentenceEnds);
        return Clip((end < 0 ? text : text[..end]).Trim(), 200);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
