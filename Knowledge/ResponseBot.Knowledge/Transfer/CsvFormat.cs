using System.Text;
using CsvHelper;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>CSV in the <see cref="EntryColumns"/> layout; written as UTF-8 with BOM so Excel shows Chinese.</summary>
internal static class CsvFormat
{
    public static IReadOnlyList<EntryRow> Read(Stream stream)
    {
        var text = TextFiles.Decode(stream);
        var malformed = new Dictionary<long, string>();
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            // Blank lines still count as rows, so row numbers match what Excel shows.
            SkipEmptyLines = false,
            TrimWhitespace = false,
            OnMalformedRecord = record => malformed[record.RecordNumber] = record.Reason.ToString(),
        };
        using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
        if (!reader.Read())
        {
            throw new InvalidDataException($"CSV 文件为空，缺少表头；表头应为：{string.Join(",", EntryColumns.All)} (missing header)");
        }

        var columns = EntryColumns.MapHeader(Cells(reader), "CSV");
        var rows = new List<EntryRow>();
        while (reader.Read())
        {
            var row = (int)reader.RowNumber;
            var cells = Cells(reader);
            if (malformed.Remove(reader.RowNumber, out var reason))
            {
                rows.Add(new EntryRow(row, null, $"CSV 引号不匹配 (malformed quoting: {reason})"));
                continue;
            }

            if (EntryColumns.IsBlank(cells))
            {
                continue;
            }

            var (entry, error) = EntryColumns.FromCells(cells, columns);
            rows.Add(new EntryRow(row, entry, error));
        }

        return rows;
    }

    public static void Write(Stream stream, IReadOnlyList<KnowledgeEntry> entries)
    {
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            // Quoting cells with edge whitespace keeps every reader, not only ours, from trimming them.
            Quoting = CsvQuoting.WhenNeededOrWhitespace,
        };
        using var writer = CsvWriter.Create(new StreamWriter(stream, new UTF8Encoding(true), leaveOpen: true), options, leaveOpen: false);
        writer.WriteRecord([.. EntryColumns.All]);
        foreach (var entry in entries)
        {
            writer.WriteRecord(EntryColumns.ToCells(entry));
        }
    }

    private static string[] Cells(CsvReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = reader.GetString(i);
        }

        return cells;
    }
}
