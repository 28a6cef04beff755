namespace ResponseBot.Knowledge.Entries;

/// <summary>
/// One thing wrong with one entry: where it is (<paramref name="Row"/> as a person sees it in the file, when the entry
/// came from a file), which entry, which field (JSON path style, e.g. <c>followUps[1].entryId</c>) and why.
/// </summary>
/// <param name="Row">The 1-based row or line in the source file, or null when the entry did not come from a file.</param>
/// <param name="EntryId">The entry id, or null when it is missing or the row could not be parsed.</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Message">What is wrong and, where it helps, what is allowed.</param>
public sealed record EntryProblem(int? Row, string? EntryId, string Field, string Message)
{
    /// <summary>E.g. <c>row 3 (id policy-01): department: …</c>.</summary>
    public override string ToString()
    {
        var where = (Row, string.IsNullOrEmpty(EntryId)) switch
        {
            (not null, false) => $"row {Row} (id {EntryId}): ",
            (not null, true) => $"row {Row}: ",
            (null, false) => $"id {EntryId}: ",
            _ => "",
        };
        return $"{where}{Field}: {Message}";
    }
}
