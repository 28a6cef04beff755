using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>Reads and writes entry files in the three formats; the format follows the file extension.</summary>
public static class EntryFiles
{
    /// <summary>The format of <paramref name="path"/> by its extension: .csv, .jsonl or .xlsx.</summary>
    /// <exception cref="ArgumentException">Any other extension.</exception>
    public static EntryFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => EntryFormat.Csv,
            ".jsonl" => EntryFormat.JsonLines,
            ".xlsx" => EntryFormat.Xlsx,
            var other => throw new ArgumentException(
                $"不支持的文件类型“{other}”（{path}）；请使用 .csv、.jsonl 或 .xlsx (unsupported file type)", nameof(path)),
        };
    }

    /// <summary>
    /// One <see cref="EntryRow"/> per non-blank data row, numbered as a person sees the file (CSV and XLSX: header is
    /// row 1; JSON Lines: line numbers). A row that cannot be parsed carries an error instead of an entry. Line
    /// breaks in text are read as <c>\n</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The header is missing, or has an unknown, duplicate or missing required column.</exception>
    public static IReadOnlyList<EntryRow> Read(Stream stream, EntryFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            EntryFormat.Csv => CsvFormat.Read(stream),
            EntryFormat.JsonLines => JsonLinesFormat.Read(stream),
            EntryFormat.Xlsx => XlsxFormat.Read(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>Writes every field of <paramref name="entries"/>, in order; <see cref="Read"/> gives them back equal.</summary>
    public static void Write(Stream stream, IReadOnlyList<KnowledgeEntry> entries, EntryFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        switch (format)
        {
            case EntryFormat.Csv:
                CsvFormat.Write(stream, entries);
                break;
            case EntryFormat.JsonLines:
                JsonLinesFormat.Write(stream, entries);
                break;
            case EntryFormat.Xlsx:
                XlsxFormat.Write(stream, entries);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
