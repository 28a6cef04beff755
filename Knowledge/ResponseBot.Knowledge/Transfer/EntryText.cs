using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>The one text form entries are stored in, whatever file they came from.</summary>
internal static class EntryText
{
    /// <summary>
    /// Line breaks become <c>\n</c>: XLSX cannot keep a <c>\r</c>, Excel and Windows editors add them to CSV, and
    /// channels only need <c>\n</c>. Normalising on every import keeps one file's round trip equal to another's.
    /// </summary>
    public static string Normalize(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    /// <summary>The entry with normalised text and no null lists (JSON can say <c>"alternates": null</c>).</summary>
    public static KnowledgeEntry Normalize(KnowledgeEntry entry) => entry with
    {
        Id = entry.Id ?? "",
        Question = Normalize(entry.Question ?? ""),
        Answer = Normalize(entry.Answer ?? ""),
        Department = entry.Department ?? "",
        Alternates = entry.Alternates?.Select(a => a is null ? "" : Normalize(a)).ToList() ?? [],
        Topics = entry.Topics ?? [],
        FollowUps = entry.FollowUps?.Where(f => f is not null).Select(f => f with { Text = Normalize(f.Text ?? "") }).ToList() ?? [],
    };
}
