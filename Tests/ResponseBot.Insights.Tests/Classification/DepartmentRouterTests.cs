using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Insights.Tests.Classification;

public sealed class DepartmentRouterTests
{
    private Dictionary<string, string> _names = [];

    [SetUp]
    public void SetUp() => _names = new Dictionary<string, string>
    {
        ["legal"] = "法规处",
        ["sme"] = "中小企业处",
        ["auto"] = "汽车产业处",
        ["credit"] = "信用办",
    };

    private static List<LabelScore> Model(params (string Label, float Probability)[] scores) =>
        scores.Select(s => new LabelScore(s.Label, s.Probability)).ToList();

    [Test]
    public void Route_NoHint_TakesTheModelsTopThree()
    {
        var routing = DepartmentRouter.Route(Model(("sme", 0.83f), ("legal", 0.1f), ("auto", 0.05f), ("credit", 0.02f)), null, _names);

        Assert.That(routing.Department, Is.EqualTo("sme"));
        Assert.That(routing.Signal, Is.EqualTo(RoutingSignal.Model));
        Assert.That(routing.Top.Select(t => t.Label), Is.EqualTo(new[] { "sme", "legal", "auto" }));
        Assert.That(routing.Explanation, Is.EqualTo("模型判断 中小企业处 概率 0.83"));
    }

    [Test]
    public void Route_HintAgreesWithModel_IsAgreement()
    {
        var routing = DepartmentRouter.Route(
            Model(("legal", 0.7f), ("sme", 0.2f), ("auto", 0.1f)), new KnowledgeHint("kb-0012", "legal", 0.91), _names);

        Assert.That(routing.Department, Is.EqualTo("legal"));
        Assert.That(routing.Signal, Is.EqualTo(RoutingSignal.Agreement));
        Assert.That(routing.Explanation, Is.EqualTo("知识库条目 kb-0012（置信度 0.91）属于法规处，与模型判断一致"));
        Assert.That(routing.Top[0].Probability, Is.EqualTo((0.7f + 0.455f) / 1.455f).Within(1e-5));
    }

    [Test]
    public void Route_HintDisagreesWithUnsureModel_KnowledgeWins()
    {
        var routing = DepartmentRouter.Route(
            Model(("sme", 0.6f), ("legal", 0.3f), ("auto", 0.1f)), new KnowledgeHint("kb-7", "legal", 0.8), _names);

        Assert.That(routing.Department, Is.EqualTo("legal"));
        Assert.That(routing.Signal, Is.EqualTo(RoutingSignal.Knowledge));
        Assert.That(routing.Top.Select(t => t.Label), Is.EqualTo(new[] { "legal", "sme", "auto" }));
        Assert.That(routing.Explanation, Does.Contain("kb-7").And.Contain("法规处").And.Contain("以知识库为准"));
    }

    [Test]
    public void Route_HintDisagreesWithSureModel_ModelWins()
    {
        var routing = DepartmentRouter.Route(
            Model(("auto", 0.97f), ("sme", 0.02f), ("legal", 0.01f)), new KnowledgeHint("kb-9", "legal", 0.6), _names);

        Assert.That(routing.Department, Is.EqualTo("auto"));
        Assert.That(routing.Signal, Is.EqualTo(RoutingSignal.Model));
        Assert.That(routing.Top[0].Label, Is.EqualTo("auto"));
        Assert.That(routing.Top.Select(t => t.Label), Does.Contain("legal"));
        Assert.That(routing.Explanation, Does.StartWith("模型判断 汽车产业处 概率 0.97").And.Contain("kb-9").And.Contain("以模型为准"));
    }

    [Test]
    public void Route_ModelMarginEqualToHintVote_HintWinsTheTie()
    {
        var routing = DepartmentRouter.Route(
            Model(("auto", 0.75f), ("legal", 0.25f)), new KnowledgeHint("kb-1", "legal", 1.0), _names);

        Assert.That(routing.Department, Is.EqualTo("legal"));
        Assert.That(routing.Signal, Is.EqualTo(RoutingSignal.Knowledge));
    }

    [Test]
    public void Route_HintDepartmentTheModelDoesNotKnow_StillCounts()
    {
        var routing = DepartmentRouter.Route(
            Model(("sme", 0.4f), ("auto", 0.35f), ("legal", 0.25f)), new KnowledgeHint("kb-2", "office", 1.0), _names);

        Assert.That(routing.Department, Is.EqualTo("office"));
        Assert.That(routing.Explanation, Does.Contain("属于office"));
    }

    [Test]
    public void Route_ProbabilitiesAfterCountingTheHint_SumToOne()
    {
        var routing = DepartmentRouter.Route(
            Model(("sme", 0.5f), ("legal", 0.3f), ("auto", 0.2f)), new KnowledgeHint("kb-3", "auto", 0.7), _names);

        Assert.That(routing.Top.Sum(t => t.Probability), Is.EqualTo(1f).Within(1e-5));
    }
}
