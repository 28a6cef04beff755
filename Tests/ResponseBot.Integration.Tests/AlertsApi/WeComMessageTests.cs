using System.Text;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Integration.Tests.AlertsApi;

public sealed class WeComMessageTests
{
    private Taxonomy _taxonomy = null!;
    private DateTimeOffset _now;

    [SetUp]
    public void SetUp()
    {
        _taxonomy = Taxonomy.LoadDefault();
        _now = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    }

    [Test]
    public void Render_ALongAlert_FitsTheRobotsLimitAndKeepsItsHeadAndLink()
    {
        var sample = new AlertSample(_now, "wechat", new string('补', 400), 0.99f);
        var draft = AlertDrafts.Spike("nev", 14, _now);
        var alert = Alert(draft with
        {
            Summary = new string('慢', 3000),
            Evidence = draft.Evidence with { Samples = [sample, sample, sample, sample, sample] },
        });

        var text = WeComMessage.Render(alert, WeComReason.Raised, _taxonomy.HotTopics, _taxonomy.Departments, new Uri("https://rb.example.gov.cn/alerts"));

        Assert.That(Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(WeComRobotClient.MaxMarkdownBytes));
        Assert.That(text, Does.StartWith("### <font color=\"warning\">【舆情预警】</font>"));
        Assert.That(text, Does.EndWith("](https://rb.example.gov.cn/alerts#AL-20261127-0001)"));
        Assert.That(text, Does.Contain("话题：新能源汽车　处室：汽车产业处"));
    }

    [Test]
    public void Render_TextWithMarkup_IsShownAsTextInChinaTime()
    {
        var draft = AlertDrafts.Spike("nev", 14, _now) with { Title = "[点我](http://x) <font>#标题\n第二行" };

        var text = WeComMessage.Render(Alert(draft), WeComReason.Raised, _taxonomy.HotTopics, _taxonomy.Departments, alertsPage: null);

        Assert.That(text, Does.Contain("［点我］(http://x) ＜font＞＃标题 第二行"));
        Assert.That(text, Does.Contain("窗口：11-27 09:00–11-27 10:00"), "02:00 UTC is 10:00 in China");
        Assert.That(text, Does.Not.Contain("在预警页查看"), "no link without Alerts:PublicBaseUrl");
    }

    [TestCase(1, 1)]
    [TestCase(5, 3)]
    [TestCase(7, 3)]
    [TestCase(8, 4)]
    [TestCase(15, 4)]
    [TestCase(16, 5)]
    public void CountLevel_IsTheNumberOfBinaryDigits(int count, int level) =>
        Assert.That(WeComNotifier.CountLevel(count), Is.EqualTo(level));

    private Alert Alert(AlertDraft draft) => new(
        "AL-20261127-0001", draft.Kind, draft.Key, draft.Topic, draft.Department, draft.Title, draft.Summary,
        AlertStatus.New, 1, _now, _now, null, null, null, null, draft.Evidence);
}
