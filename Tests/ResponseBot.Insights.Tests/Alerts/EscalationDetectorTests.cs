using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class EscalationDetectorTests
{
    private EscalationDetector _detector = null!;

    [SetUp]
    public void SetUp() => _detector = new EscalationDetector(new AlertsOptions(), Signals.TopicNames);

    [TestCase("再不解决我就找媒体曝光", new[] { "曝光", "媒体" })]
    [TestCase("打了几次１２３４５投诉无门", new[] { "12345投诉无门" })]     // full-width digits fold
    [TestCase("实在不行就投诉 到省里！", new[] { "投诉到省里" })]            // spaces and punctuation fold away
    [TestCase("新能源汽车推广补贴怎么申领？", new string[0])]
    public void Match_FindsTermsOnFoldedText(string text, string[] expected) =>
        Assert.That(_detector.Match(text), Is.EqualTo(expected));

    [Test]
    public void Detect_NeutralInquiryWithATerm_RaisesAnyway()
    {
        var signal = Signals.Neutral(Signals.Monday10, subject: "0a1b2c3d4e", topic: null, text: "想问下市长信箱的地址");

        var draft = _detector.Detect(signal, null)!;

        Assert.That(draft.Kind, Is.EqualTo(AlertKind.Escalation));
        Assert.That(draft.Key, Is.EqualTo("escalation:0a1b2c3d4e"));
        Assert.That(draft.Title, Is.EqualTo("咨询出现升级字样：市长信箱"));
        Assert.That(draft.Evidence.Terms, Is.EqualTo(new[] { "市长信箱" }));
        Assert.That(draft.Evidence.Count, Is.EqualTo(1));
        Assert.That(draft.Summary, Does.Contain("中性"));
    }

    [Test]
    public void Detect_NoTerm_Nothing() =>
        Assert.That(_detector.Detect(Signals.Negative(Signals.Monday10), null), Is.Null);

    [Test]
    public void Detect_AgainWithinTheDay_AccumulatesCountAndTerms()
    {
        var first = _detector.Detect(Signals.Negative(Signals.Monday10, text: "不解决就曝光"), null)!;

        var second = _detector.Detect(Signals.Negative(Signals.Monday10.AddHours(3), text: "我已经联系记者了"), first.Evidence)!;

        Assert.That(second.Evidence.Count, Is.EqualTo(2));
        Assert.That(second.Evidence.Terms, Is.EqualTo(new[] { "曝光", "记者" }));
        Assert.That(second.Evidence.WindowStart, Is.EqualTo(Signals.Monday10));
        Assert.That(second.Evidence.Samples, Has.Count.EqualTo(2));
        Assert.That(second.Evidence.Samples[0].Text, Is.EqualTo("我已经联系记者了"));
        Assert.That(second.Title, Is.EqualTo("新能源汽车咨询出现升级字样：曝光、记者"));
    }

    [Test]
    public void Detect_AfterTheDay_StartsAgain()
    {
        var first = _detector.Detect(Signals.Negative(Signals.Monday10, text: "不解决就曝光"), null)!;

        var later = _detector.Detect(Signals.Negative(Signals.Monday10.AddHours(25), text: "我要上访"), first.Evidence)!;

        Assert.That((later.Evidence.Count, later.Evidence.Terms), Is.EqualTo((1, new[] { "上访" })));
    }

    [Test]
    public void Match_ConfiguredTerms_ReplaceTheDefaults()
    {
        var detector = new EscalationDetector(new AlertsOptions { EscalationTerms = ["发抖音"] }, Signals.TopicNames);

        Assert.That(detector.Match("再不处理我就发抖音，还要曝光"), Is.EqualTo(new[] { "发抖音" }));
    }

    [Test]
    public void Detect_RawPhoneNumberInText_SampleIsMasked()
    {
        var draft = _detector.Detect(Signals.Negative(Signals.Monday10, text: "我要找媒体，电话13912345678"), null)!;

        Assert.That(draft.Evidence.Samples[0].Text, Does.Not.Contain("13912345678"));
    }
}
