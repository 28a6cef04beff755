using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Evaluation;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Insights.Tests.Evaluation;

public sealed class InquiryEvaluatorTests
{
    private static readonly string[] Departments = ["office", "sme", "auto"];
    private static readonly string[] Topics = ["sme", "nev"];

    private ScriptedClassifier _classifier = null!;

    [SetUp]
    public void CreateClassifier() => _classifier = new ScriptedClassifier();

    [Test]
    public void Evaluate_LabelsPresent_ScoresEachOverTheInquiriesThatCarryIt()
    {
        // Sentiment is labelled on two lines (one right), department on three (two right), topic on none.
        LabelledInquiry[] inquiries =
        [
            new("充电桩补贴", "auto", null, "neutral"),
            new("贷款难", "sme", null, "negative"),
            new("网站打不开", "office", null, null),
        ];
        _classifier.Script("充电桩补贴", "neutral", null, "auto", "sme", "office");
        _classifier.Script("贷款难", "neutral", null, "office", "sme", "auto");
        _classifier.Script("网站打不开", "neutral", null, "office", "sme", "auto");

        var evaluation = InquiryEvaluator.Evaluate(inquiries, _classifier, _ => null, Departments, Topics);

        Assert.That(evaluation.Count, Is.EqualTo(3));
        Assert.That(evaluation.Topic, Is.Null);
        Assert.That(evaluation.Sentiment!.Count, Is.EqualTo(2));
        Assert.That(evaluation.Sentiment.Accuracy, Is.EqualTo(0.5));
        Assert.That(evaluation.Sentiment.Labels, Is.EqualTo(InquiryEvaluator.Sentiments));
        Assert.That(evaluation.Department!.Count, Is.EqualTo(3));
        Assert.That(evaluation.Department.Accuracy, Is.EqualTo(2.0 / 3));
        Assert.That(evaluation.Department.TopKAccuracy(InquiryEvaluator.TopDepartments), Is.EqualTo(1.0), "贷款难: sme is second");
    }

    [Test]
    public void Evaluate_TopicNone_ScoredAsAClassOfItsOwn()
    {
        LabelledInquiry[] inquiries = [new("你好", null, InquiryAnalysis.NoTopic, null), new("专精特新", null, "sme", null)];
        _classifier.Script("你好", "neutral", null, "office");
        _classifier.Script("专精特新", "neutral", null, "sme");

        var evaluation = InquiryEvaluator.Evaluate(inquiries, _classifier, _ => null, Departments, Topics);

        Assert.That(evaluation.Topic!.Labels, Is.EqualTo(new[] { "sme", "nev", InquiryAnalysis.NoTopic }));
        Assert.That(evaluation.Topic.For(InquiryAnalysis.NoTopic)!.Correct, Is.EqualTo(1));
        Assert.That(evaluation.Topic.For("sme")!.Recall, Is.Zero, "专精特新 was read as no topic");
        Assert.That(evaluation.Inquiries[1].IsMistaken, Is.True);
        Assert.That(evaluation.Inquiries[0].IsMistaken, Is.False);
    }

    [Test]
    public void Evaluate_KnowledgeAnswers_PassesItsEntryToTheClassifier()
    {
        var hint = new KnowledgeHint("kb-1", "auto", 0.9);
        LabelledInquiry[] inquiries = [new("充电桩补贴", "auto", null, null), new("贷款难", "sme", null, null)];
        _classifier.Script("充电桩补贴", "neutral", null, "auto");
        _classifier.Script("贷款难", "neutral", null, "sme");

        var evaluation = InquiryEvaluator.Evaluate(
            inquiries, _classifier, text => text == "充电桩补贴" ? hint : null, Departments, Topics);

        Assert.That(_classifier.Hints, Is.EqualTo(new[] { hint, null }));
        Assert.That(evaluation.Inquiries[0].Hint, Is.EqualTo(hint));
        Assert.That(evaluation.Hinted, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_Progress_ReportsEachInquiry()
    {
        LabelledInquiry[] inquiries = [new("a", "sme", null, null), new("b", "sme", null, null)];
        _classifier.Script("a", "neutral", null, "sme");
        _classifier.Script("b", "neutral", null, "sme");
        var counts = new List<int>();

        InquiryEvaluator.Evaluate(inquiries, _classifier, _ => null, Departments, Topics, new ListProgress(counts));

        Assert.That(counts, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void HintFrom_AnswerTier_TheBestHitsEntry()
    {
        var result = new SearchResult("q", AnswerTier.Answer, [Hit("kb-7", "legal", 0.8), Hit("kb-2", "sme", 0.3)], 1);

        Assert.That(InquiryEvaluator.HintFrom(result), Is.EqualTo(new KnowledgeHint("kb-7", "legal", 0.8)));
    }

    [TestCase(AnswerTier.Clarify)]
    [TestCase(AnswerTier.Fallback)]
    public void HintFrom_NotConfident_Null(AnswerTier tier) =>
        Assert.That(InquiryEvaluator.HintFrom(new SearchResult("q", tier, [Hit("kb-7", "legal", 0.4)], 1)), Is.Null);

    [Test]
    public void HintFrom_AnswerTierWithoutHits_Null() =>
        Assert.That(InquiryEvaluator.HintFrom(new SearchResult("q", AnswerTier.Answer, [], 1)), Is.Null);

    private static SearchHit Hit(string id, string department, double score) =>
        new(new KnowledgeEntry { Id = id, Question = id, Answer = "", Department = department }, score, 1, id);

    private sealed class ListProgress(List<int> counts) : IProgress<int>
    {
        public void Report(int value) => counts.Add(value);
    }

    /// <summary>Answers each scripted text as told and remembers the hints it was given.</summary>
    private sealed class ScriptedClassifier : IInquiryClassifier
    {
        private readonly Dictionary<string, InquiryAnalysis> _script = [];

        public List<KnowledgeHint?> Hints { get; } = [];

        public void Script(string text, string sentiment, string? topic, params string[] departments) =>
            _script[text] = new InquiryAnalysis(
                sentiment,
                [new LabelScore(sentiment, 1)],
                topic,
                [new LabelScore(topic ?? InquiryAnalysis.NoTopic, 1)],
                new DepartmentRouting(
                    departments[0], departments.Select(d => new LabelScore(d, 1f / departments.Length)).ToList(), RoutingSignal.Model, ""));

        public InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null)
        {
            Hints.Add(answered);
            return _script[text];
        }
    }
}
