using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Answering;
using ResponseBot.Knowledge;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Bot.Tests.Answering;

public sealed class KnowledgeResponderTests
{
    private const int Snapshot = 7;

    private static readonly KnowledgeEntry Subsidy = Entry("sme-subsidy", "专精特新企业有哪些奖励？", "sme") with
    {
        Answer = "对新认定的国家级专精特新“小巨人”企业给予一次性奖励。",
        Version = 3,
        Link = new NewsLink("专精特新政策解读", "https://example.gov.cn/zjtx"),
        FollowUps =
        [
            new FollowUp("怎么申报专精特新？", "sme-apply"),
            new FollowUp("已经下线的问题", "retired-entry"),
            new FollowUp("奖励什么时候到账？", "sme-payout"),
        ],
    };

    private static readonly KnowledgeEntry Apply = Entry("sme-apply", "怎么申报专精特新？", "sme");
    private static readonly KnowledgeEntry Payout = Entry("sme-payout", "专精特新奖励什么时候到账？", "sme");
    private static readonly KnowledgeEntry Cloud = Entry("cloud", "企业上云有补贴吗？", "informatization");
    private static readonly KnowledgeEntry Repair = Entry("credit-repair", "怎么做信用修复？", "credit");

    private KnowledgeResponder _responder = null!;

    // Shaping a reply does not depend on the re-ranker; the first stage alone ranks these few entries.
    [OneTimeSetUp]
    public void LoadEngine() =>
        Engine = RetrievalEngine.Load(AppContext.BaseDirectory, new KnowledgeOptions(), requireReranker: false);

    private static RetrievalEngine Engine { get; set; } = null!;

    // NUnit shares one fixture instance across tests: build the responder fresh for each.
    [SetUp]
    public void CreateResponder()
    {
        var knowledge = new KnowledgeBase(Engine);
        knowledge.Load(new KnowledgeSnapshot(
            Snapshot, DateTimeOffset.UnixEpoch, "test", null, [Subsidy, Apply, Payout, Cloud, Repair]));
        _responder = new KnowledgeResponder(
            knowledge, Taxonomy.LoadDefault(), Options.Create(new KnowledgeOptions { ClarifyChoices = 3 }),
            NullLogger<KnowledgeResponder>.Instance);
    }

    [Test]
    public void Respond_AnswerTier_ShowsTheEntrysAnswerWithItsLinkAndVersions()
    {
        var reply = _responder.Respond(Result(AnswerTier.Answer, (Subsidy, 0.91), (Payout, 0.40)));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Tier, Is.EqualTo(AnswerTier.Answer));
            Assert.That(reply.Text, Is.EqualTo(Subsidy.Answer));
            Assert.That(reply.Answer, Is.EqualTo(Subsidy.Answer));
            Assert.That(reply.EntryId, Is.EqualTo("sme-subsidy"));
            Assert.That(reply.EntryVersion, Is.EqualTo(3));
            Assert.That(reply.SnapshotVersion, Is.EqualTo(Snapshot));
            Assert.That(reply.Link, Is.EqualTo(Subsidy.Link));
            Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("sme", "中小企业处")));
            Assert.That(reply.Hits, Is.EqualTo(new[]
            {
                new ReplyHit("sme-subsidy", Subsidy.Question, 0.91),
                new ReplyHit("sme-payout", Payout.Question, 0.40),
            }));
        });
    }

    [Test]
    public void Respond_AnswerTier_OffersOnlyFollowUpsThatAreInTheLiveSnapshot()
    {
        var reply = _responder.Respond(Result(AnswerTier.Answer, (Subsidy, 0.91)));

        Assert.That(reply.Choices, Is.EqualTo(new[]
        {
            new ReplyChoice(1, "怎么申报专精特新？", "sme-apply"),
            new ReplyChoice(2, "奖励什么时候到账？", "sme-payout"),
        }));
    }

    [Test]
    public void Respond_ClarifyTier_NumbersTheTopChoicesAndAsksForANumber()
    {
        var reply = _responder.Respond(Result(
            AnswerTier.Clarify, (Apply, 0.42), (Subsidy, 0.38), (Payout, 0.31), (Cloud, 0.22)));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Tier, Is.EqualTo(AnswerTier.Clarify));
            Assert.That(reply.Text, Is.EqualTo(
                "您是想问：\n1. 怎么申报专精特新？\n2. 专精特新企业有哪些奖励？\n3. 专精特新奖励什么时候到账？\n请回复数字选择，或换个说法再问。"));
            Assert.That(reply.Choices.Select(c => (c.Number, c.EntryId)), Is.EqualTo(new[]
            {
                (1, "sme-apply"), (2, "sme-subsidy"), (3, "sme-payout"),
            }));
            Assert.That(reply.Hits, Has.Count.EqualTo(4), "operators still see every hit");
            Assert.That(reply.Answer, Is.Null);
            Assert.That(reply.EntryId, Is.Null);
            Assert.That(reply.Link, Is.Null);
            Assert.That(reply.SnapshotVersion, Is.EqualTo(Snapshot));
        });
    }

    [Test]
    public void Respond_ClarifyTierWithANoiseRunnerUp_LeavesItOut()
    {
        var reply = _responder.Respond(Result(AnswerTier.Clarify, (Apply, 0.39), (Cloud, 0.2), (Repair, 0.001)));

        Assert.That(reply.Choices.Select(c => c.EntryId), Is.EqualTo(new[] { Apply.Id, Cloud.Id }));
        Assert.That(reply.Text, Does.Not.Contain(Repair.Question));
    }

    [Test]
    public void Respond_ClarifyTierWithOneEntryTwice_OffersItOnce()
    {
        string[] expected = ["sme-apply", "cloud"];

        var reply = _responder.Respond(Result(AnswerTier.Clarify, (Apply, 0.42), (Apply, 0.40), (Cloud, 0.30)));

        Assert.That(reply.Choices.Select(c => c.EntryId), Is.EqualTo(expected));
    }

    [Test]
    public void Respond_FallbackWithAHit_NamesTheBestHitsDepartmentAndOffersAPerson()
    {
        var reply = _responder.Respond(Result(AnswerTier.Fallback, (Repair, 0.12), (Cloud, 0.05)));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Tier, Is.EqualTo(AnswerTier.Fallback));
            Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("credit", "信用办")));
            Assert.That(reply.Text, Does.Contain("暂时还没有答案"));
            Assert.That(reply.Text, Does.Contain("信用办"));
            Assert.That(reply.Text, Does.Contain("转人工"));
            Assert.That(reply.Choices, Is.Empty);
            Assert.That(reply.Hits, Has.Count.EqualTo(2));
            Assert.That(reply.EntryId, Is.Null);
        });
    }

    [Test]
    public void Respond_FallbackWithARoutedDepartment_NamesItRatherThanTheWeakMatch()
    {
        var reply = _responder.Respond(Result(AnswerTier.Fallback, (Repair, 0.12)), routedDepartment: "auto");

        Assert.Multiple(() =>
        {
            Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("auto", "汽车产业处")));
            Assert.That(reply.Text, Does.Contain("一般由汽车产业处负责"));
            Assert.That(reply.Text, Does.Not.Contain("信用办"));
        });
    }

    [Test]
    public void Respond_AnswerWithARoutedDepartment_KeepsTheAnsweringEntrysDepartment()
    {
        var reply = _responder.Respond(Result(AnswerTier.Answer, (Repair, 0.9)), routedDepartment: "auto");

        Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("credit", "信用办")));
    }

    [Test]
    public void Respond_FallbackWithOnlyANoiseHit_SendsTheUserToTheOffice()
    {
        var reply = _responder.Respond(Result(AnswerTier.Fallback, (Repair, 0.001)));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("office", "办公室")));
            Assert.That(reply.Text, Does.Not.Contain("信用办"));
            Assert.That(reply.Hits, Has.Count.EqualTo(1), "operators still see the hit");
        });
    }

    [Test]
    public void Respond_FallbackWithoutHits_SendsTheUserToTheOffice()
    {
        var reply = _responder.Respond(Result(AnswerTier.Fallback));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("office", "办公室")));
            Assert.That(reply.Text, Does.Contain("办公室"));
            Assert.That(reply.Text, Does.Contain("转人工"));
            Assert.That(reply.Hits, Is.Empty);
        });
    }

    [Test]
    public void Respond_ClarifyTierWithoutHits_FallsBack()
    {
        var reply = _responder.Respond(Result(AnswerTier.Clarify));

        Assert.That(reply.Tier, Is.EqualTo(AnswerTier.Fallback));
    }

    [Test]
    public void Respond_UnknownDepartmentCode_UsesTheCodeAsItsName()
    {
        var stray = Entry("stray", "某个问题", "archive");

        var reply = _responder.Respond(Result(AnswerTier.Answer, (stray, 0.9)));

        Assert.That(reply.Department, Is.EqualTo(new DepartmentRef("archive", "archive")));
    }

    [Test]
    public void Ask_ExactQuestion_RanksItsEntryFirstInTheLiveSnapshot()
    {
        var reply = _responder.Ask("企业上云有补贴吗？", "test");

        Assert.Multiple(() =>
        {
            Assert.That(reply.Hits, Is.Not.Empty);
            Assert.That(reply.Hits[0].EntryId, Is.EqualTo("cloud"));
            Assert.That(reply.SnapshotVersion, Is.EqualTo(Snapshot));
        });
    }

    [Test]
    public void Ask_BlankText_Throws() =>
        Assert.That(() => _responder.Ask("  ", "test"), Throws.ArgumentException);

    private static SearchResult Result(AnswerTier tier, params (KnowledgeEntry Entry, double Score)[] hits) =>
        new("问题", tier, [.. hits.Select(h => new SearchHit(h.Entry, h.Score, h.Score * 10, h.Entry.Question))], Snapshot);

    private static KnowledgeEntry Entry(string id, string question, string department) => new()
    {
        Id = id,
        Question = question,
        Answer = question + "的答案。",
        Department = department,
        Status = EntryStatus.Published,
        Version = 1,
    };
}
