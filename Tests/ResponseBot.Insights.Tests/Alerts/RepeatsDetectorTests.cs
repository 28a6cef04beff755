using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class RepeatsDetectorTests
{
    private RepeatsDetector _detector = null!;

    [SetUp]
    public void SetUp() => _detector = new RepeatsDetector(new AlertsOptions(), Signals.TopicNames);

    [Test]
    public void Detect_TwoComplaints_Nothing() =>
        Assert.That(_detector.Detect(Signals.Negative(Signals.Monday10), null, 2, []), Is.Null);

    [Test]
    public void Detect_ThreeComplaintsByOneUser_AlertKeyedByPseudonym()
    {
        var signal = Signals.Negative(Signals.Monday10, subject: "0a1b2c3d4e");
        AlertSample[] samples = [new(Signals.Monday10, "wechat", "补贴迟迟不发放", 0.8f)];

        var draft = _detector.Detect(signal, null, 3, samples)!;

        Assert.That(draft.Kind, Is.EqualTo(AlertKind.Repeats));
        Assert.That(draft.Key, Is.EqualTo("repeats:0a1b2c3d4e"));
        Assert.That(draft.Title, Is.EqualTo("同一用户24小时内负面咨询 3 次（新能源汽车）"));
        Assert.That(draft.Title, Does.Not.Contain("0a1b2c3d4e"));
        Assert.That(draft.Evidence.Count, Is.EqualTo(3));
        Assert.That(draft.Evidence.WindowStart, Is.EqualTo(Signals.Monday10.AddHours(-24)));
        Assert.That(draft.Evidence.Samples, Is.EqualTo(samples));
        Assert.That(draft.Department, Is.EqualTo("auto"));
    }

    [Test]
    public void Detect_ThreeComplaintsAboutOneCompany_CompanyInSummaryNotTitle()
    {
        var signal = Signals.Negative(Signals.Monday10, topic: null, company: "常州恒远精密机械有限公司");

        var draft = _detector.Detect(signal, "常州恒远精密机械有限公司", 3, [])!;

        Assert.That(draft.Key, Is.EqualTo("repeats:company:常州恒远精密机械有限公司"));
        Assert.That(draft.Title, Is.EqualTo("同一企业24小时内负面咨询 3 次"));
        Assert.That(draft.Summary, Does.Contain("常州恒远精密机械有限公司"));
        Assert.That(draft.Topic, Is.Null);
    }
}
