using System.Globalization;
using System.Text;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>
/// The flat, one-row-per-entry layout shared by CSV and XLSX, and the text encoding of its list cells.
/// </summary>
/// <remarks>
/// List cells join items with <c> | </c>; a follow-up is <c>text=&gt;entryId</c>. Inside an item a backslash escapes
/// the next character, and the writer escapes <c>\</c>, <c>|</c>, the <c>=</c> of a literal <c>=&gt;</c>, and
/// whitespace at either end of an item. The reader trims unescaped whitespace around items, so hand-typed
/// <c>a|b</c> and <c>a | b</c> both work and every written cell reads back exactly.
/// </remarks>
internal static class EntryColumns
{
    public const string Id = "id";
    public const string Question = "question";
    public const string Alternates = "alternates";
    public const string Answer = "answer";
    public const string LinkTitle = "link_title";
    public const string LinkUrl = "link_url";
    public const string Department = "department";
    public const string Topics = "topics";
    public const string PolicyReference = "policy_reference";
    public const string SourceUrl = "source_url";
    public const string EffectiveFrom = "effective_from";
    public const string ExpiresOn = "expires_on";
    public const string FollowUps = "follow_ups";
    public const string Status = "status";
    public const string Version = "version";
    public const string UpdatedBy = "updated_by";
    public const string UpdatedAt = "updated_at";

    /// <summary>Every column, in the order files are written.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Id, Question, Alternates, Answer, LinkTitle, LinkUrl, Department, Topics, PolicyReference, SourceUrl,
        EffectiveFrom, ExpiresOn, FollowUps, Status, Version, UpdatedBy, UpdatedAt,
    ];

    /// <summary>Columns a hand-made file must have; the rest may be left out and read as empty.</summary>
    public static readonly IReadOnlyList<string> Required = [Id, Question, Answer, Department];

    private const string DateFormat = "yyyy-MM-dd";
    private const string ItemSeparator = " | ";

    /// <summary>
    /// Maps header cells to column names by position. Unknown, duplicate or missing required columns are an
    /// <see cref="InvalidDataException"/>: a misspelt header would otherwise drop a whole column silently.
    /// Blank header cells map to null (trailing empty columns are common in spreadsheets).
    /// </summary>
    public static string?[] MapHeader(IReadOnlyList<string?> header, string format)
    {
        var names = new string?[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var cell = header[i]?.Trim();
            if (string.IsNullOrEmpty(cell))
            {
                continue;
            }

            var name = All.FirstOrDefault(c => string.Equals(c, cell, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException(
                    $"{format} 表头第 {i + 1} 列“{cell}”不是已知列；可用列：{string.Join(", ", All)} (unknown column)");
            if (!seen.Add(name))
            {
                throw new InvalidDataException($"{format} 表头中“{name}”列出现了两次 (duplicate column)");
            }

            names[i] = name;
        }

        var missing = Required.Where(c => !seen.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"{format} 表头缺少必需的列：{string.Join(", ", missing)}；必需列：{string.Join(", ", Required)} (missing column)");
        }

        return names;
    }

    /// <summary>True when every cell of a row is empty: such rows are skipped, as a person would expect.</summary>
    public static bool IsBlank(IReadOnlyList<string?> cells) => cells.All(string.IsNullOrEmpty);

    /// <summary>The cells of <paramref name="entry"/> in <see cref="All"/> order; absent values are empty strings.</summary>
    public static string[] ToCells(KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.Id,
            entry.Question,
            string.Join(ItemSeparator, entry.Alternates.Select(EscapeItem)),
            entry.Answer,
            entry.Link?.Title ?? "",
            entry.Link?.Url ?? "",
            entry.Department,
            string.Join(';', entry.Topics),
            entry.PolicyReference ?? "",
            entry.SourceUrl ?? "",
            entry.EffectiveFrom?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "",
            entry.ExpiresOn?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "",
            string.Join(ItemSeparator, entry.FollowUps.Select(f => $"{EscapeItem(f.Text)}=>{EscapeItem(f.EntryId)}")),
            StatusName(entry.Status),
            entry.Version.ToString(CultureInfo.InvariantCulture),
            entry.UpdatedBy ?? "",
            entry.UpdatedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        ];
    }

    /// <summary>
    /// Parses one data row: <paramref name="columns"/>[i] names cell i (null for a blank header). Returns the entry,
    /// or every reason the row is unreadable joined into one message.
    /// </summary>
    public static (KnowledgeEntry? Entry, string? Error) FromCells(IReadOnlyList<string?> cells, IReadOnlyList<string?> columns)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (string.IsNullOrEmpty(cell))
            {
                continue;
            }

            if (i >= columns.Count || columns[i] is not { } column)
            {
                errors.Add($"第 {i + 1} 列有内容但表头没有列名 (value in a column without a header)");
                continue;
            }

            values[column] = cell;
        }

        string Text(string column) => values.TryGetValue(column, out var v) ? EntryText.Normalize(v) : "";
        string? Optional(string column) => values.TryGetValue(column, out var v) ? EntryText.Normalize(v) : null;

        var linkTitle = Optional(LinkTitle);
        var linkUrl = Optional(LinkUrl);
        var entry = new KnowledgeEntry
        {
            Id = Text(Id),
            Question = Text(Question),
            Alternates = SplitItems(Optional(Alternates)),
            Answer = Text(Answer),
            Link = linkTitle is null && linkUrl is null ? null : new NewsLink(linkTitle ?? "", linkUrl ?? ""),
            Department = Text(Department),
            Topics = Optional(Topics)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            PolicyReference = Optional(PolicyReference),
            SourceUrl = Optional(SourceUrl),
            EffectiveFrom = ParseDate(Optional(EffectiveFrom), EffectiveFrom, errors),
            ExpiresOn = ParseDate(Optional(ExpiresOn), ExpiresOn, errors),
            FollowUps = ParseFollowUps(Optional(FollowUps), errors),
            Status = ParseStatus(Optional(Status), errors),
            Version = ParseVersion(Optional(Version), errors),
            UpdatedBy = Optional(UpdatedBy),
            UpdatedAt = ParseTimestamp(Optional(UpdatedAt), errors),
        };
        return errors.Count == 0 ? (entry, null) : (null, string.Join("; ", errors));
    }

    private static string StatusName(EntryStatus status) => status.ToString().ToLowerInvariant();

    private static EntryStatus ParseStatus(string? text, List<string> errors)
    {
        if (text is null)
        {
            return EntryStatus.Draft;
        }

        // Enum.TryParse would also accept "1"; only the names are meaningful in a file.
        foreach (var status in Enum.GetValues<EntryStatus>())
        {
            if (string.Equals(text.Trim(), StatusName(status), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        errors.Add($"{Status}: “{text}”不是有效状态；可用：draft, published, retired (unknown status)");
        return EntryStatus.Draft;
    }

    private static DateOnly? ParseDate(string? text, string column, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{column}: “{text}”不是 yyyy-MM-dd 格式的日期 (bad date)");
        return null;
    }

    private static int ParseVersion(string? text, List<string> errors)
    {
        if (text is null)
        {
            return 0;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        errors.Add($"{Version}: “{text}”不是非负整数 (bad version)");
        return 0;
    }

    private static DateTimeOffset? ParseTimestamp(string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors.Add($"{UpdatedAt}: “{text}”不是 ISO 8601 时间 (bad timestamp)");
        return null;
    }

    private static List<FollowUp> ParseFollowUps(string? text, List<string> errors)
    {
        var followUps = new List<FollowUp>();
        foreach (var item in SplitEscaped(text))
        {
            var arrow = FindArrow(item);
            if (arrow < 0)
            {
                errors.Add($"{FollowUps}: “{Unescape(item)}”缺少“=>”，应写作 追问文字=>条目id (follow-up without =>)");
                continue;
            }

            followUps.Add(new FollowUp(Unescape(Trim(item[..arrow])), Unescape(Trim(item[(arrow + 2)..]))));
        }

        return followUps;
    }

    private static List<string> SplitItems(string? text) => SplitEscaped(text).Select(Unescape).ToList();

    /// <summary>Escapes one list item so that <see cref="SplitEscaped"/> and <see cref="Unescape"/> give it back.</summary>
    internal static string EscapeItem(string item)
    {
        var builder = new StringBuilder(item.Length + 4);
        for (var i = 0; i < item.Length; i++)
        {
            var c = item[i];
            var atEdge = i == 0 || i == item.Length - 1;
            if (c is '\\' or '|' || (c == '=' && i + 1 < item.Length && item[i + 1] == '>') || (atEdge && char.IsWhiteSpace(c)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Splits on unescaped <c>|</c> and trims unescaped whitespace; items keep their escapes.</summary>
    private static List<string> SplitEscaped(string? text)
    {
        var items = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return items;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '|')
            {
                items.Add(Trim(text[start..i]));
                start = i + 1;
            }
        }

        items.Add(Trim(text[start..]));
        return items;
    }

    /// <summary>The index of the first unescaped <c>=&gt;</c> in an escaped item, or -1.</summary>
    private static int FindArrow(string item)
    {
        for (var i = 0; i < item.Length - 1; i++)
        {
            if (item[i] == '\\')
            {
                i++;
            }
            else if (item[i] == '=' && item[i + 1] == '>')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Trims whitespace at the ends of an escaped item, keeping whitespace that a backslash escapes.</summary>
    private static string Trim(string item)
    {
        var start = 0;
        while (start < item.Length && char.IsWhiteSpace(item[start]))
        {
            start++;
        }

        var end = item.Length;
        while (end > start && char.IsWhiteSpace(item[end - 1]) && !IsEscapedAt(item, end - 1))
        {
            end--;
        }

        return item[start..end];
    }

    /// <summary>True when the character at <paramref name="index"/> is preceded by an odd run of backslashes.</summary>
    private static bool IsEscapedAt(string text, int index)
    {
        var slashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            slashes++;
        }

        return slashes % 2 == 1;
    }

    private static string Unescape(string item)
    {
        if (!item.Contains('\\', StringComparison.Ordinal))
        {
            return item;
        }

        var builder = new StringBuilder(item.Length);
        for (var i = 0; i < item.Length; i++)
        {
            if (item[i] == '\\' && i + 1 < item.Length)
            {
                i++;
            }

            builder.Append(item[i]);
        }

        return builder.ToString();
    }
}
