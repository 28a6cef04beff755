namespace ResponseBot.Knowledge.Entries;

/// <summary>
/// Checks entries before they are saved: each problem names the entry, the field and what is wrong, so an editor can
/// fix a whole file in one pass. The store trusts its callers to validate first.
/// </summary>
public sealed class EntryValidator(Taxonomy taxonomy, TimeProvider clock)
{
    public const int MaxIdLength = 64;
    public const int MaxAlternates = 50;

    /// <summary>
    /// Every problem in <paramref name="entries"/>. Follow-ups may point at ids in the batch or in
    /// <paramref name="existingIds"/> (the ids already in the store).
    /// </summary>
    public IReadOnlyList<EntryProblem> Validate(
        IReadOnlyList<KnowledgeEntry> entries, IReadOnlyCollection<string>? existingIds = null) =>
        Validate(entries, rows: null, existingIds);

    /// <summary>As the public overload, with <paramref name="rows"/>[i] the file row of <paramref name="entries"/>[i].</summary>
    internal IReadOnlyList<EntryProblem> Validate(
        IReadOnlyList<KnowledgeEntry> entries, IReadOnlyList<int>? rows, IReadOnlyCollection<string>? existingIds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (rows is not null && rows.Count != entries.Count)
        {
            throw new ArgumentException("One row number per entry is required.", nameof(rows));
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var knownIds = new HashSet<string>(existingIds ?? [], StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!string.IsNullOrWhiteSpace(entry.Id))
            {
                knownIds.Add(entry.Id);
            }
        }

        var problems = new List<EntryProblem>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var check = new Check(problems, rows?[i], entries[i]);
            ValidateOne(check, entries[i], seenIds, knownIds, today);
        }

        return problems;
    }

    private void ValidateOne(
        Check check, KnowledgeEntry entry, HashSet<string> seenIds, HashSet<string> knownIds, DateOnly today)
    {
        ValidateId(check, entry.Id, seenIds);

        if (string.IsNullOrWhiteSpace(entry.Question))
        {
            check.Add("question", "问题不能为空 (question is empty)");
        }

        if (string.IsNullOrWhiteSpace(entry.Answer))
        {
            check.Add("answer", "答案不能为空 (answer is empty)");
        }
        else if (entry.Answer.Length > KnowledgeEntry.MaxAnswerLength)
        {
            check.Add("answer", $"答案 {entry.Answer.Length} 字，超过上限 {KnowledgeEntry.MaxAnswerLength} 字 (answer too long)");
        }

        ValidateAlternates(check, entry);
        ValidateLinks(check, entry);
        ValidateCodes(check, entry);

        if (entry.EffectiveFrom is { } from && entry.ExpiresOn is { } expires && from > expires)
        {
            check.Add("effectiveFrom", $"生效日期 {from:yyyy-MM-dd} 晚于失效日期 {expires:yyyy-MM-dd} (effectiveFrom is after expiresOn)");
        }

        if (entry.Status == EntryStatus.Published && entry.ExpiresOn is { } expiry && expiry < today)
        {
            check.Add("expiresOn", $"已发布的条目已于 {expiry:yyyy-MM-dd} 失效；请更新日期或改为 retired (published entry has expired)");
        }

        ValidateFollowUps(check, entry, knownIds);
    }

    private static void ValidateId(Check check, string? id, HashSet<string> seenIds)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            check.Add("id", "缺少 id (id is missing)");
            return;
        }

        if (id.Any(char.IsWhiteSpace))
        {
            check.Add("id", "id 不能包含空白字符 (id contains whitespace)");
        }

        if (id.Length > MaxIdLength)
        {
            check.Add("id", $"id 长 {id.Length} 个字符，超过上限 {MaxIdLength} (id too long)");
        }

        if (!seenIds.Add(id))
        {
            check.Add("id", "id 在本批中重复 (duplicate id in this batch)");
        }
    }

    private static void ValidateAlternates(Check check, KnowledgeEntry entry)
    {
        var alternates = entry.Alternates ?? [];
        if (alternates.Count > MaxAlternates)
        {
            check.Add("alternates", $"相似问法 {alternates.Count} 条，超过上限 {MaxAlternates} 条 (too many alternates)");
        }

        // Case and surrounding spaces do not make a different question, so they do not make a different alternate.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < alternates.Count; i++)
        {
            var alternate = alternates[i];
            if (string.IsNullOrWhiteSpace(alternate))
            {
                check.Add($"alternates[{i}]", "相似问法不能为空 (blank alternate)");
            }
            else if (!seen.Add(alternate.Trim()))
            {
                check.Add($"alternates[{i}]", $"相似问法“{alternate}”重复 (duplicate alternate)");
            }
        }
    }

    private static void ValidateLinks(Check check, KnowledgeEntry entry)
    {
        if (entry.Link is { } link)
        {
            if (string.IsNullOrWhiteSpace(link.Title))
            {
                check.Add("link.title", "链接缺少标题 (link has no title)");
            }

            if (!IsWebUrl(link.Url))
            {
                check.Add("link.url", $"链接地址“{link.Url}”不是 http(s) 网址 (link url is not http or https)");
            }
        }

        if (entry.SourceUrl is { } source && !IsWebUrl(source))
        {
            check.Add("sourceUrl", $"来源地址“{source}”不是 http(s) 网址 (sourceUrl is not http or https)");
        }
    }

    private void ValidateCodes(Check check, KnowledgeEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Department) || !taxonomy.Departments.ContainsKey(entry.Department))
        {
            check.Add("department", $"未知处室代码“{entry.Department}”；可用：{Describe(taxonomy.Departments)} (unknown department)");
        }

        var topics = entry.Topics ?? [];
        for (var i = 0; i < topics.Count; i++)
        {
            if (topics[i] is not { } topic || !taxonomy.HotTopics.ContainsKey(topic))
            {
                check.Add($"topics[{i}]", $"未知热点领域代码“{topics[i]}”；可用：{Describe(taxonomy.HotTopics)} (unknown topic)");
            }
        }
    }

    private static void ValidateFollowUps(Check check, KnowledgeEntry entry, HashSet<string> knownIds)
    {
        var followUps = entry.FollowUps ?? [];
        for (var i = 0; i < followUps.Count; i++)
        {
            var followUp = followUps[i];
            if (string.IsNullOrWhiteSpace(followUp?.Text))
            {
                check.Add($"followUps[{i}].text", "追问文字不能为空 (blank follow-up text)");
            }

            var target = followUp?.EntryId;
            if (string.IsNullOrWhiteSpace(target) || !knownIds.Contains(target))
            {
                check.Add($"followUps[{i}].entryId", $"追问指向的条目“{target}”不存在 (follow-up to a missing entry)");
            }
            else if (target == entry.Id)
            {
                check.Add($"followUps[{i}].entryId", "追问不能指向条目自身 (follow-up to itself)");
            }
        }
    }

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static string Describe(IReadOnlyDictionary<string, string> codes) =>
        string.Join(", ", codes.Select(c => $"{c.Key}（{c.Value}）"));

    /// <summary>Collects problems for one entry, stamped with its row and id.</summary>
    private readonly struct Check(List<EntryProblem> problems, int? row, KnowledgeEntry entry)
    {
        public void Add(string field, string message) =>
            problems.Add(new EntryProblem(row, string.IsNullOrWhiteSpace(entry.Id) ? null : entry.Id, field, message));
    }
}
