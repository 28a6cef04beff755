using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Tests.Classification;

/// <summary>The shipped models (Bot/models, copied beside the tests) on inquiries whose reading is obvious.</summary>
public sealed class InquiryClassifierTests
{
    private static readonly Lazy<InquiryClassifier> Shipped = new(() =>
        InquiryClassifier.Load(InquiryClassifier.DefaultModelsDirectory, ChineseAnalyzer.Load(AppContext.BaseDirectory)));

    private InquiryClassifier _classifier = null!;

    [SetUp]
    public void SetUp() => _classifier = Shipped.Value;

    [TestCase("新能源汽车充电桩补贴怎么申请", "auto", "nev")]
    [TestCase("我们厂想做技改项目备案，网上怎么填报", "tech_upgrade", "tech_upgrade")]
    [TestCase("专精特新小巨人企业申报需要什么条件", "sme", "sme")]
    [TestCase("企业上云有没有补贴，工业互联网平台怎么对接", "informatization", "industrial_internet")]
    [TestCase("公司被列入失信名单了，信用修复怎么办理", "credit", "gov_integrity")]
    [TestCase("我想依申请公开一份你们委的政府信息，申请表在哪里提交", "office", null)]
    public void Analyze_ObviousInquiry_RoutesAndTagsTheTopic(string text, string department, string? topic)
    {
        var analysis = _classifier.Analyze(text);

        Assert.That(analysis.Routing.Department, Is.EqualTo(department), analysis.Routing.Explanation);
        Assert.That(analysis.Topic, Is.EqualTo(topic), string.Join(", ", analysis.Topics.Select(t => $"{t.Label} {t.Probability:F2}")));
    }

    [TestCase("你们效率太低了，三个月了还没批下来，再不处理我就找媒体曝光", "negative")]
    [TestCase("上次问的备案问题已经办好了，非常感谢你们的耐心解答", "positive")]
    [TestCase("请问技改补贴的申报材料有哪些", "neutral")]
    public void Analyze_ObviousSentiment_IsRead(string text, string sentiment)
    {
        var analysis = _classifier.Analyze(text);

        Assert.That(analysis.Sentiment, Is.EqualTo(sentiment));
        Assert.That(analysis.Sentiments.Sum(s => s.Probability), Is.EqualTo(1f).Within(1e-4));
        Assert.That(analysis.Sentiments.Select(s => s.Label), Is.EquivalentTo(new[] { "negative", "neutral", "positive" }));
    }

    [Test]
    public void Analyze_GivesTheTopThreeDepartmentsAndAllTopics()
    {
        var analysis = _classifier.Analyze("充电桩建设有什么补贴政策");

        Assert.That(analysis.Routing.Top, Has.Count.EqualTo(3));
        Assert.That(analysis.Routing.Top.Select(t => t.Probability), Is.Ordered.Descending);
        Assert.That(analysis.Topics.Select(t => t.Label), Does.Contain(InquiryAnalysis.NoTopic));
        Assert.That(analysis.Topics, Has.Count.EqualTo(6));
    }

    [TestCase("新能源汽车充电桩补贴怎么申请", "auto")]
    [TestCase("新能源汽车充电桩补贴怎么申请", "legal")]
    [TestCase("我想依申请公开一份你们委的政府信息", "enforcement")]
    public void Reroute_AfterAnAnalysisWithoutHint_RoutesAsAnalysingWithTheHint(string text, string hinted)
    {
        var hint = new KnowledgeHint("kb-1", hinted, 0.93);

        var rerouted = _classifier.Reroute(text, _classifier.Analyze(text), hint);
        var direct = _classifier.Analyze(text, hint);

        Assert.Multiple(() =>
        {
            Assert.That(rerouted.Routing.Department, Is.EqualTo(direct.Routing.Department));
            Assert.That(rerouted.Routing.Top, Is.EqualTo(direct.Routing.Top));
            Assert.That(rerouted.Routing.Signal, Is.EqualTo(direct.Routing.Signal));
            Assert.That(rerouted.Routing.Explanation, Is.EqualTo(direct.Routing.Explanation));
            Assert.That((rerouted.Sentiment, rerouted.Topic), Is.EqualTo((direct.Sentiment, direct.Topic)));
        });
    }

    [Test]
    public void Analyze_WithAgreeingKnowledgeHint_SaysSo()
    {
        var analysis = _classifier.Analyze("新能源汽车充电桩补贴怎么申请", new KnowledgeHint("nev-charging-subsidy", "auto", 0.91));

        Assert.That(analysis.Routing.Signal, Is.EqualTo(RoutingSignal.Agreement));
        Assert.That(analysis.Routing.Explanation, Is.EqualTo("知识库条目 nev-charging-subsidy（置信度 0.91）属于汽车产业处，与模型判断一致"));
    }

    [Test]
    public void Analyze_PhoneNumbers_DoNotChangeTheReading()
    {
        var one = _classifier.Analyze("我的电话13812345678，想问技改补贴什么时候发");
        var other = _classifier.Analyze("我的电话13987654321，想问技改补贴什么时候发");

        Assert.That(other.Sentiments, Is.EqualTo(one.Sentiments));
        Assert.That(other.Routing.Top, Is.EqualTo(one.Routing.Top));
    }

    [Test]
    public void Load_MissingModelsDirectory_NamesTheMissingFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"no-models-{Guid.NewGuid():N}");

        var error = Assert.Throws<InsightModelException>(() => InquiryClassifier.Load(directory, ChineseAnalyzer.Load(AppContext.BaseDirectory)));

        Assert.That(error!.Message, Does.Contain(Path.Combine(directory, InquiryClassifier.SentimentFile)));
    }
}
