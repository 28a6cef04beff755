using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>JSON Lines: one entry per line in the <see cref="EntryJson"/> shape; blank lines are skipped.</summary>
internal static class JsonLinesFormat
{
    // A misspelt property ("anwser") would otherwise vanish without a word.
    private static readonly JsonSerializerOptions StrictOptions = CreateStrictOptions();

    public static IReadOnlyList<EntryRow> Read(Stream stream)
    {
        var text = TextFiles.Decode(stream);
        var rows = new List<EntryRow>();
        var lineNumber = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = text.AsSpan(range).TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                continue;
            }

            rows.Add(ParseLine(lineNumber, line));
        }

        return rows;
    }

    public static void Write(Stream stream, IReadOnlyList<KnowledgeEntry> entries)
    {
        // Each entry serialised alone keeps one entry per line; the writer never indents.
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.NewLine = "\n";
        foreach (var entry in entries)
        {
            writer.WriteLine(JsonSerializer.Serialize(entry, EntryJson.Options));
        }
    }

    private static EntryRow ParseLine(int lineNumber, ReadOnlySpan<char> line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<KnowledgeEntry>(line, StrictOptions);
            return entry is null
                ? new EntryRow(lineNumber, null, "JSON: 该行是 null 而不是条目对象 (line is null)")
                : new EntryRow(lineNumber, EntryText.Normalize(entry), null);
        }
        catch (JsonException exception)
        {
            return new EntryRow(lineNumber, null, $"JSON 无法解析 (cannot parse): {exception.Message}");
        }
    }

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = new JsonSerializerOptions(EntryJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly();
        return options;
    }
}
