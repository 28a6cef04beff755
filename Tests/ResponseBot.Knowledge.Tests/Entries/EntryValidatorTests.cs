using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Tests.Entries;

public sealed class EntryValidatorTests
{
    private EntryValidator _validator = null!;

    [SetUp]
    public void SetUp() => _validator = TestEntries.Validator();

    private List<EntryProblem> Problems(params KnowledgeEntry[] entries) => [.. _validator.Validate(entries)];

    private static void AssertSingle(List<EntryProblem> problems, string field, string messagePart)
    {
        Assert.That(problems, Has.Count.EqualTo(1), string.Join(Environment.NewLine, problems));
        Assert.That(problems[0].Field, Is.EqualTo(field));
        Assert.That(problems[0].Message, Does.Contain(messagePart));
    }

    [Test]
    public void Validate_ValidEntries_ReportsNothing()
    {
        var problems = Problems(TestEntries.Minimal("a"), TestEntries.Full("b", followUpTo: "a"));
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_BlankId_ReportsMissingId(string id)
    {
        var problems = Problems(TestEntries.Minimal(id));
        AssertSingle(problems, "id", "id is missing");
        Assert.That(problems[0].EntryId, Is.Null);
    }

    [TestCase("a b")]
    [TestCase("a\tb")]
    [TestCase("ab\n")]
    public void Validate_IdWithWhitespace_ReportsId(string id) =>
        AssertSingle(Problems(TestEntries.Minimal(id)), "id", "whitespace");

    [Test]
    public void Validate_IdOver64Characters_ReportsLength()
    {
        Assert.That(Problems(TestEntries.Minimal(new string('x', 64))), Is.Empty);
        AssertSingle(Problems(TestEntries.Minimal(new string('x', 65))), "id", "too long");
    }

    [Test]
    public void Validate_DuplicateIdInBatch_ReportsTheSecondOnly()
    {
        var problems = _validator.Validate([TestEntries.Minimal("same"), TestEntries.Minimal("same")], rows: [2, 3], null);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].Row, Is.EqualTo(3));
        Assert.That(problems[0].Message, Does.Contain("duplicate id"));
    }

    [TestCase("")]
    [TestCase(" \n ")]
    public void Validate_EmptyQuestion_ReportsQuestion(string question) =>
        AssertSingle(Problems(TestEntries.Minimal() with { Question = question }), "question", "question is empty");

    [Test]
    public void Validate_EmptyAnswer_ReportsAnswer() =>
        AssertSingle(Problems(TestEntries.Minimal() with { Answer = "  " }), "answer", "answer is empty");

    [Test]
    public void Validate_AnswerOver2000Characters_ReportsLength()
    {
        Assert.That(Problems(TestEntries.Minimal() with { Answer = new string('答', 2000) }), Is.Empty);
        AssertSingle(Problems(TestEntries.Minimal() with { Answer = new string('答', 2001) }), "answer", "2001");
    }

    [Test]
    public void Validate_BlankAlternate_ReportsItsIndex() =>
        AssertSingle(Problems(TestEntries.Minimal() with { Alternates = ["怎么申报", " "] }), "alternates[1]", "blank alternate");

    [Test]
    public void Validate_DuplicateAlternate_ReportsTheRepeat() =>
        AssertSingle(
            Problems(TestEntries.Minimal() with { Alternates = ["怎么申报", "SME 申报", "sme 申报 "] }),
            "alternates[2]", "duplicate alternate");

    [Test]
    public void Validate_MoreThan50Alternates_ReportsCount()
    {
        var fifty = Enumerable.Range(1, 50).Select(i => $"问法{i}").ToList();
        Assert.That(Problems(TestEntries.Minimal() with { Alternates = fifty }), Is.Empty);
        AssertSingle(Problems(TestEntries.Minimal() with { Alternates = [.. fifty, "问法51"] }), "alternates", "too many alternates");
    }

    [Test]
    public void Validate_UnknownDepartment_ListsValidCodes()
    {
        var problems = Problems(TestEntries.Minimal() with { Department = "finance" });
        AssertSingle(problems, "department", "finance");
        Assert.That(problems[0].Message, Does.Contain("sme（中小企业处）").And.Contain("office（办公室）"));
    }

    [Test]
    public void Validate_UnknownTopic_ReportsItsIndex() =>
        AssertSingle(Problems(TestEntries.Minimal() with { Topics = ["sme", "weather"] }), "topics[1]", "weather");

    [Test]
    public void Validate_LinkWithoutTitle_ReportsTitle() =>
        AssertSingle(
            Problems(TestEntries.Minimal() with { Link = new NewsLink(" ", "https://example.gov.cn/") }),
            "link.title", "no title");

    [TestCase("ftp://example.gov.cn/a.pdf")]
    [TestCase("javascript:alert(1)")]
    [TestCase("www.example.gov.cn")]
    [TestCase("")]
    public void Validate_LinkWithNonHttpUrl_ReportsUrl(string url) =>
        AssertSingle(Problems(TestEntries.Minimal() with { Link = new NewsLink("解读", url) }), "link.url", "not http");

    [TestCase("not a url")]
    [TestCase("file:///etc/passwd")]
    public void Validate_BadSourceUrl_ReportsSourceUrl(string url) =>
        AssertSingle(Problems(TestEntries.Minimal() with { SourceUrl = url }), "sourceUrl", "not http");

    [Test]
    public void Validate_EffectiveFromAfterExpiresOn_ReportsDates()
    {
        var entry = TestEntries.Minimal() with
        {
            Status = EntryStatus.Draft,
            EffectiveFrom = new DateOnly(2026, 2, 1),
            ExpiresOn = new DateOnly(2026, 1, 31),
        };
        AssertSingle(Problems(entry), "effectiveFrom", "2026-02-01");
    }

    [Test]
    public void Validate_PublishedEntryAlreadyExpired_ReportsExpiry()
    {
        var expired = TestEntries.Minimal() with { ExpiresOn = TestEntries.Today.AddDays(-1) };
        AssertSingle(Problems(expired), "expiresOn", "expired");
        Assert.That(Problems(expired with { ExpiresOn = TestEntries.Today }), Is.Empty, "expires today: still in force");
        Assert.That(Problems(expired with { Status = EntryStatus.Retired }), Is.Empty, "retired entries may be expired");
    }

    [Test]
    public void Validate_ExpiryUsesTheClock_NotTheMachineDate()
    {
        var clock = new ManualClock(TestEntries.Now);
        var validator = TestEntries.Validator(clock);
        var entry = TestEntries.Minimal() with { ExpiresOn = TestEntries.Today.AddDays(10) };
        Assert.That(validator.Validate([entry]), Is.Empty);

        clock.Advance(TimeSpan.FromDays(11));
        Assert.That(validator.Validate([entry]), Has.Count.EqualTo(1));
    }

    [Test]
    public void Validate_FollowUpToMissingId_ReportsTarget()
    {
        var entry = TestEntries.Minimal("a") with { FollowUps = [new FollowUp("怎么申报？", "nowhere")] };
        AssertSingle(Problems(entry), "followUps[0].entryId", "nowhere");
    }

    [Test]
    public void Validate_FollowUpToIdInBatchOrStore_IsFine()
    {
        var entry = TestEntries.Minimal("a") with { FollowUps = [new FollowUp("下一步", "b"), new FollowUp("再问", "stored")] };
        Assert.That(_validator.Validate([entry, TestEntries.Minimal("b")], ["stored"]), Is.Empty);
    }

    [Test]
    public void Validate_FollowUpToItself_ReportsSelfReference() =>
        AssertSingle(
            Problems(TestEntries.Minimal("a") with { FollowUps = [new FollowUp("再看一遍", "a")] }),
            "followUps[0].entryId", "itself");

    [Test]
    public void Validate_BlankFollowUpText_ReportsText() =>
        AssertSingle(
            Problems(TestEntries.Minimal("a") with { FollowUps = [new FollowUp("", "b")] }, TestEntries.Minimal("b")),
            "followUps[0].text", "blank follow-up text");

    [Test]
    public void Validate_SeveralProblems_ReportsEachWithRowAndId()
    {
        var entry = TestEntries.Minimal("bad") with { Question = "", Department = "nope" };
        var problems = _validator.Validate([TestEntries.Minimal("ok"), entry], rows: [2, 7], null);
        Assert.That(problems.Select(p => (p.Row, p.EntryId, p.Field)), Is.EqualTo(new[]
        {
            ((int?)7, "bad", "question"),
            (7, "bad", "department"),
        }));
    }

    [Test]
    public void EntryProblem_ToString_NamesRowIdAndField()
    {
        Assert.That(new EntryProblem(3, "x", "department", "unknown").ToString(), Is.EqualTo("row 3 (id x): department: unknown"));
        Assert.That(new EntryProblem(3, null, "row", "bad").ToString(), Is.EqualTo("row 3: row: bad"));
        Assert.That(new EntryProblem(null, "x", "answer", "empty").ToString(), Is.EqualTo("id x: answer: empty"));
    }
}
