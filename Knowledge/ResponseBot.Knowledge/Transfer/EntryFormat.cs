namespace ResponseBot.Knowledge.Transfer;

/// <summary>The file formats entries are imported from and exported to, chosen by file extension.</summary>
public enum EntryFormat
{
    /// <summary><c>.csv</c>: UTF-8 with BOM, one row per entry, a header row of <see cref="EntryColumns"/> names.</summary>
    Csv,

    /// <summary><c>.jsonl</c>: one entry per line in the <see cref="Entries.EntryJson"/> shape.</summary>
    JsonLines,

    /// <summary><c>.xlsx</c>: the first sheet, laid out as the CSV.</summary>
    Xlsx,
}
