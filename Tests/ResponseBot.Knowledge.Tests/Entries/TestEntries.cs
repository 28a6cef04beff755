using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Tests.Entries;

/// <summary>A clock that stands still until a test moves it; local time is UTC so "today" is unambiguous.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Entries and collaborators the entry, storage and transfer tests share.</summary>
internal static class TestEntries
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>The shipped taxonomy, copied to the test output with the Knowledge project's data.</summary>
    public static Taxonomy Taxonomy => Taxonomy.LoadDefault();

    public static EntryValidator Validator(TimeProvider? clock = null) => new(Taxonomy, clock ?? new ManualClock(Now));

    /// <summary>A valid published entry with only the required fields.</summary>
    public static KnowledgeEntry Minimal(string id = "e1") => new()
    {
        Id = id,
        Question = "专精特新企业如何申报？",
        Answer = "登录江苏省专精特新企业培育平台在线申报。",
        Department = "sme",
        Status = EntryStatus.Published,
    };

    /// <summary>A valid entry with every field set; <paramref name="followUpTo"/> must exist in the batch or store.</summary>
    public static KnowledgeEntry Full(string id, string followUpTo) => new()
    {
        Id = id,
        Question = "工业互联网项目补贴标准是什么？",
        Alternates = ["工业互联网补贴", "工业互联网奖励多少"],
        Answer = "按项目投资额的 10% 给予补助，最高 100 万元。\n详见附件。",
        Link = new NewsLink("政策解读", "https://gxj.changzhou.gov.cn/news/1.html"),
        Department = "informatization",
        Topics = ["industrial_internet"],
        PolicyReference = "常经信发〔2024〕12号",
        SourceUrl = "https://gxj.changzhou.gov.cn/policy/12.html",
        EffectiveFrom = new DateOnly(2024, 1, 1),
        ExpiresOn = new DateOnly(2026, 12, 31),
        FollowUps = [new FollowUp("如何申报？", followUpTo)],
        Status = EntryStatus.Published,
        Version = 3,
        UpdatedBy = "editor",
        UpdatedAt = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.FromHours(8)),
    };
}

/// <summary>A path under the temp folder that is deleted with the files SQLite keeps beside it.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension) => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"responsebot-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }
    }
}
