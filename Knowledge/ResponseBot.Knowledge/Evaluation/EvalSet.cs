using System.Text.Json;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>One evaluation query: the text a user typed, and the entry that answers it (null when none does).</summary>
public sealed record EvalQuery(string Query, string? Expected);

/// <summary>A file given to an evaluation could not be read; the message names the file and the line.</summary>
public sealed class EvalInputException : Exception
{
    public EvalInputException()
    {
    }

    public EvalInputException(string message)
        : base(message)
    {
    }

    public EvalInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Reads the two JSON Lines files of <c>responsebot eval retrieval</c>. They come from outside the project, so reading
/// is tolerant of what may be missing and strict about what cannot be guessed.
/// </summary>
public static class EvalSet
{
    /// <summary>The department of a KB line that names none.</summary>
    public const string DefaultDepartment = "office";

    /// <summary>
    /// Reads one entry a line: <c>{"id","question","alternates":[…],"answer","department","topics":[…]}</c>.
    /// Missing alternates and topics are empty, a missing answer is empty, a missing department is
    /// <see cref="DefaultDepartment"/>. Blank lines are skipped.
    /// </summary>
    /// <exception cref="EvalInputException">A line is not a JSON object, lacks an id or question, or repeats an id.</exception>
    public static IReadOnlyList<KnowledgeEntry> ReadKnowledgeBase(string path)
    {
        var entries = new List<KnowledgeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, root) in ReadObjects(path))
        {
            var id = RequiredString(root, "id", path, line);
            if (!seen.Add(id))
            {
                throw new EvalInputException($"{Name(path)} line {line}: the id \"{id}\" appears twice");
            }

            entries.Add(new KnowledgeEntry
            {
                Id = id,
                Question = RequiredString(root, "question", path, line),
                Alternates = StringArray(root, "alternates", path, line),
                Answer = OptionalString(root, "answer", path, line) ?? "",
                Department = OptionalString(root, "department", path, line) is { Length: > 0 } d ? d : DefaultDepartment,
                Topics = StringArray(root, "topics", path, line),
                Status = EntryStatus.Published,
                Version = 1,
            });
        }

        return entries;
    }

    /// <summary>
    /// Reads one query a line: <c>{"query": "…", "expected": "&lt;id&gt;" | null}</c>; a missing expected is null.
    /// </summary>
    /// <exception cref="EvalInputException">A line is malformed or expects an id that <paramref name="knownIds"/> lacks.</exception>
    public static IReadOnlyList<EvalQuery> ReadQueries(string path, IReadOnlySet<string> knownIds)
    {
        ArgumentNullException.ThrowIfNull(knownIds);
        var queries = new List<EvalQuery>();
        foreach (var (line, root) in ReadObjects(path))
        {
            var query = RequiredString(root, "query", path, line);
            var expected = OptionalString(root, "expected", path, line);
            if (expected is not null && !knownIds.Contains(expected))
            {
                throw new EvalInputException(
                    $"{Name(path)} line {line}: the expected id \"{expected}\" is not in the knowledge base");
            }

            queries.Add(new EvalQuery(query, expected));
        }

        return queries;
    }

    /// <summary>Writes one KB line in the form <see cref="ReadKnowledgeBase"/> reads.</summary>
    public static void WriteKnowledgeLine(Utf8JsonWriter writer, KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteString("question", entry.Question);
        WriteStrings(writer, "alternates", entry.Alternates);
        writer.WriteString("answer", entry.Answer);
        writer.WriteString("department", entry.Department);
        WriteStrings(writer, "topics", entry.Topics);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one query line in the form <see cref="ReadQueries"/> reads.</summary>
    public static void WriteQueryLine(Utf8JsonWriter writer, EvalQuery query)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(query);
        writer.WriteStartObject();
        writer.WriteString("query", query.Query);
        if (query.Expected is null)
        {
            writer.WriteNull("expected");
        }
        else
        {
            writer.WriteString("expected", query.Expected);
        }

        writer.WriteEndObject();
    }

    private static IEnumerable<(int Line, JsonElement Root)> ReadObjects(string path)
    {
        if (!File.Exists(path))
        {
            throw new EvalInputException($"{path}: no such file");
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new EvalInputException($"{Name(path)} line {line}: not valid JSON ({FirstSentence(ex.Message)})", ex);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EvalInputException($"{Name(path)} line {line}: expected a JSON object, found {root.ValueKind}");
            }

            yield return (line, root);
        }
    }

    private static string RequiredString(JsonElement root, string name, string path, int line) =>
        OptionalString(root, name, path, line) is { Length: > 0 } value
            ? value
            : throw new EvalInputException($"{Name(path)} line {line}: \"{name}\" is missing or empty");

    private static string? OptionalString(JsonElement root, string name, string path, int line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EvalInputException($"{Name(path)} line {line}: \"{name}\" must be a string, found {value.ValueKind}");
    }

    private static string[] StringArray(JsonElement root, string name, string path, int line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new EvalInputException($"{Name(path)} line {line}: \"{name}\" must be an array of strings");
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new EvalInputException($"{Name(path)} line {line}: \"{name}\" must be an array of strings"))
            .Where(item => item.Length > 0)
            .ToArray();
    }

    private static string Name(string path) => Path.GetFileName(path);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
