using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>
/// One data row of an entry file: its row (CSV and XLSX, header = row 1) or line (JSON Lines) number as a person
/// sees it, and either the parsed entry or why it could not be parsed.
/// </summary>
/// <param name="Row">The 1-based row or line number in the file.</param>
/// <param name="Entry">The entry, or null when the row could not be parsed.</param>
/// <param name="Error">Why the row could not be parsed, or null.</param>
public sealed record EntryRow(int Row, KnowledgeEntry? Entry, string? Error);
