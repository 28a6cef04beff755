using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Tests.Retrieval;

public sealed class KnowledgeIndexTests
{
    private static readonly RetrievalEngine Engine = RetrievalEngine.Load(AppContext.BaseDirectory, new KnowledgeOptions());

    private static readonly KnowledgeEntry[] Entries =
    [
        Entry("nev-subsidy", "新能源汽车推广应用补贴怎么申请", "电动车补贴去哪里申请"),
        Entry("tech-filing", "企业技术改造项目备案需要哪些材料", "技改备案要什么资料"),
        Entry("credit-repair", "企业信用修复怎么办理", "被列入失信名单后如何修复信用"),
    ];

    [TestCase(0.90, 0.10, AnswerTier.Answer)]
    [TestCase(0.90, 0.80, AnswerTier.Clarify)]   // runner-up within the margin: let the user choose
    [TestCase(0.90, 0.15, AnswerTier.Answer)]    // a close runner-up below the clarify threshold is noise
    [TestCase(0.40, 0.05, AnswerTier.Clarify)]
    [TestCase(0.10, 0.00, AnswerTier.Fallback)]
    public void TierOf_BestAndRunnerUp_FollowTheConfiguredThresholds(double best, double runnerUp, AnswerTier expected)
    {
        var index = Engine.Build([], 0);
        Assert.That(index.TierOf(best, runnerUp), Is.EqualTo(expected));
    }

    [TestCase("电动车补贴怎么申请？", "nev-subsidy")]
    [TestCase("技改备案要准备什么材料", "tech-filing")]
    [TestCase("上了黑名单咋修复信用", "credit-repair")]
    public void Search_Paraphrase_RanksTheRightEntryFirst(string query, string expected)
    {
        var result = Engine.Build(Entries, 3).Search(query);
        Assert.That(result.Best?.Entry.Id, Is.EqualTo(expected));
    }

    [Test]
    public void Search_ScoresAreCalibratedAndBestFirst()
    {
        var scores = Engine.Build(Entries, 3).Search("电动车补贴怎么申请").Hits.Select(h => h.Score).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(scores, Is.All.InRange(0.0, 1.0));
            Assert.That(scores, Is.Ordered.Descending);
        });
    }

    [TestCase("")]
    [TestCase("？！。")]
    public void Search_NothingToMatch_FallsBackWithNoHits(string query)
    {
        var result = Engine.Build(Entries, 3).Search(query);
        Assert.Multiple(() =>
        {
            Assert.That(result.Tier, Is.EqualTo(AnswerTier.Fallback));
            Assert.That(result.Hits, Is.Empty);
        });
    }

    [Test]
    public void Search_TakeOne_ReturnsOneHitAndTheSnapshotVersion()
    {
        var result = Engine.Build(Entries, 7).Search("技改备案", take: 1);
        Assert.Multiple(() =>
        {
            Assert.That(result.Hits, Has.Count.EqualTo(1));
            Assert.That(result.SnapshotVersion, Is.EqualTo(7));
        });
    }

    [Test]
    public void Find_KnownAndUnknownIds()
    {
        var index = Engine.Build(Entries, 1);
        Assert.Multiple(() =>
        {
            Assert.That(index.Find("tech-filing")?.Question, Is.EqualTo(Entries[1].Question));
            Assert.That(index.Find("nope"), Is.Null);
        });
    }

    private static KnowledgeEntry Entry(string id, string question, string alternate) => new()
    {
        Id = id,
        Question = question,
        Alternates = [alternate],
        Answer = $"{question}：请登录政务服务网办理。",
        Department = "office",
        Status = EntryStatus.Published,
    };
}
