using System.Data;
using System.Globalization;
using MiniExcelLibs;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>XLSX: the first sheet, laid out as the CSV (<see cref="EntryColumns"/>), header in row 1.</summary>
internal static class XlsxFormat
{
    private const string SheetName = "entries";

    public static IReadOnlyList<EntryRow> Read(Stream stream)
    {
        // The package is a zip: MiniExcel needs to seek.
        using var seekable = stream.CanSeek ? null : new MemoryStream();
        if (seekable is not null)
        {
            stream.CopyTo(seekable);
            seekable.Position = 0;
        }

        var rows = new List<EntryRow>();
        string?[]? columns = null;
        // MiniExcel yields an empty row for every row missing from the sheet, so the index is the row number.
        var rowNumber = 0;
        foreach (IDictionary<string, object?> record in MiniExcel.Query(seekable ?? stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            rowNumber++;
            var cells = record.Values.Select(CellText).ToArray();
            if (columns is null)
            {
                columns = EntryColumns.MapHeader(cells, "XLSX");
                continue;
            }

            if (EntryColumns.IsBlank(cells))
            {
                continue;
            }

            var (entry, error) = EntryColumns.FromCells(cells, columns);
            rows.Add(new EntryRow(rowNumber, entry, error));
        }

        return columns is null
            ? throw new InvalidDataException($"XLSX 第一个工作表为空，缺少表头；表头应为：{string.Join(",", EntryColumns.All)} (missing header)")
            : rows;
    }

    public static void Write(Stream stream, IReadOnlyList<KnowledgeEntry> entries)
    {
        // A DataTable, not dictionaries, so an empty export still has its header row.
        using var table = new DataTable(SheetName) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in EntryColumns.All)
        {
            table.Columns.Add(column, column == EntryColumns.Version ? typeof(int) : typeof(string));
        }

        var versionIndex = table.Columns.IndexOf(EntryColumns.Version);
        foreach (var entry in entries)
        {
            var values = EntryColumns.ToCells(entry).Cast<object>().ToArray();
            values[versionIndex] = entry.Version;
            table.Rows.Add(values);
        }

        MiniExcel.SaveAs(stream, table, sheetName: SheetName, excelType: ExcelType.XLSX);
    }

    /// <summary>The text of a cell as the CSV would hold it, whatever type Excel stored it as.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
