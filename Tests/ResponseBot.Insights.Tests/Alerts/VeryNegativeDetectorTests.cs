using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class VeryNegativeDetectorTests
{
    private VeryNegativeDetector _detector = null!;

    [SetUp]
    public void SetUp() => _detector = new VeryNegativeDetector(new AlertsOptions(), Signals.TopicNames);

    [Test]
    public void Detect_BelowThreshold_Nothing() =>
        Assert.That(_detector.Detect(Signals.Negative(Signals.Monday10, probability: 0.89f), null), Is.Null);

    [Test]
    public void Detect_NoHotTopic_Nothing() =>
        Assert.That(_detector.Detect(Signals.Negative(Signals.Monday10, topic: null, probability: 0.97f), null), Is.Null);

    [Test]
    public void Detect_AtThresholdOnAHotTopic_AlertPerTopic()
    {
        var draft = _detector.Detect(Signals.Negative(Signals.Monday10, probability: 0.95f), null)!;

        Assert.That(draft.Kind, Is.EqualTo(AlertKind.VeryNegative));
        Assert.That(draft.Key, Is.EqualTo("very-negative:nev"));
        Assert.That(draft.Title, Is.EqualTo("新能源汽车：强烈负面咨询（负面概率 0.95）"));
        Assert.That(draft.Evidence.Statistic, Is.EqualTo(0.95).Within(1e-6));
        Assert.That(draft.Evidence.StatisticName, Is.EqualTo(VeryNegativeDetector.StatisticName));
    }

    [Test]
    public void Detect_SecondOnTheSameTopic_CountsBothAndKeepsTheHighest()
    {
        var first = _detector.Detect(Signals.Negative(Signals.Monday10, probability: 0.97f), null)!;

        var second = _detector.Detect(Signals.Negative(Signals.Monday10.AddHours(2), probability: 0.91f), first.Evidence)!;

        Assert.That(second.Evidence.Count, Is.EqualTo(2));
        Assert.That(second.Evidence.Statistic, Is.EqualTo(0.97).Within(1e-6));
        Assert.That(second.Title, Is.EqualTo("新能源汽车：24小时内强烈负面咨询 2 条（最高负面概率 0.97）"));
    }
}
