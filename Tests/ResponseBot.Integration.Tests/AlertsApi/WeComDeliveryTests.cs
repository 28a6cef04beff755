using ResponseBot.Integration.Tests.Redis;
using ResponseBot.WeCom.Fake;

namespace ResponseBot.Integration.Tests.AlertsApi;

// The WeCom group robot told about alerts by the running service, against a local fake of the robot's webhook.
[Category("Integration")]
public sealed class WeComDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private FakeWeComRobot _robot = null!;
    private DateTimeOffset _now;

    [SetUp]
    public async Task StartRobotAsync()
    {
        _robot = await FakeWeComRobot.StartAsync();
        _now = DateTimeOffset.UtcNow;
    }

    [TearDown]
    public async Task StopRobotAsync() => await _robot.DisposeAsync();

    [Test]
    public async Task RaisedAlert_IsToldOnceInChineseMarkdownWithALink()
    {
        await using var host = await StartHostAsync();

        var raised = await host.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        var message = await _robot.NextReceivedAsync(Wait);

        Assert.Multiple(() =>
        {
            Assert.That(message.Body, Does.Contain("\"msgtype\":\"markdown\""));
            Assert.That(message.Content, Does.StartWith("### "));
            Assert.That(message.Content, Does.Contain("【舆情预警】"));
            Assert.That(message.Content, Does.Contain(raised.Alert.Id));
            Assert.That(message.Content, Does.Contain("话题：新能源汽车"));
            Assert.That(message.Content, Does.Contain("处室：汽车产业处"));
            Assert.That(message.Content, Does.Contain("138＊＊＊＊5678"), "the sample, masked, its stars kept out of the markup");
            Assert.That(message.Content, Does.Contain($"](https://rb.example.gov.cn/alerts#{raised.Alert.Id})"));
        });
        await WaitUntilAsync(() => host.Notifier.Handled >= 1);
        Assert.That(host.Notifier.Sent, Is.EqualTo(1));
    }

    [Test]
    public async Task Updates_AreToldWhenTheCountAboutDoubled_AndResolvingIsTold()
    {
        await using var host = await StartHostAsync();
        var draft = AlertDrafts.Spike("nev", 5, _now);

        var raised = await host.Store.RaiseOrUpdateAsync(draft, _now, CancellationToken.None);
        await host.Store.RaiseOrUpdateAsync(draft with { Evidence = draft.Evidence with { Count = 6 } }, _now, CancellationToken.None);
        await host.Store.RaiseOrUpdateAsync(draft with { Evidence = draft.Evidence with { Count = 7 } }, _now, CancellationToken.None);
        await host.Store.RaiseOrUpdateAsync(draft with { Evidence = draft.Evidence with { Count = 9 } }, _now, CancellationToken.None);
        await host.Store.RaiseOrUpdateAsync(draft with { Evidence = draft.Evidence with { Count = 10 } }, _now, CancellationToken.None);
        await host.Store.AcknowledgeAsync(raised.Alert.Id, "王五", _now, CancellationToken.None);
        await host.Store.ResolveAsync(raised.Alert.Id, "王五", _now, CancellationToken.None);

        var told = new[] { await _robot.NextReceivedAsync(Wait), await _robot.NextReceivedAsync(Wait), await _robot.NextReceivedAsync(Wait) };
        await WaitUntilAsync(() => host.Notifier.Handled >= 7);

        Assert.That(told[0].Content, Does.Contain("【舆情预警】").And.Contain("计数 5"));
        Assert.That(told[1].Content, Does.Contain("【预警升级】").And.Contain("计数 9"), "8 and more is the next power of two after 5");
        Assert.That(told[2].Content, Does.Contain("【预警已解决】").And.Contain("解决：王五"));
        Assert.That(_robot.Received, Has.Count.EqualTo(3), "6, 7 and 10 did not double anything; acknowledging is not told");
    }

    [TestCase(FakeWeComRobot.RateLimited)]
    [TestCase(-1)]
    public async Task TransientErrcodes_AreRetriedUntilTheRobotTakesIt(int errorCode)
    {
        await using var host = await StartHostAsync();
        _robot.FailNext(2, errorCode);

        await host.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        await _robot.NextReceivedAsync(Wait);

        Assert.That(_robot.Calls, Is.EqualTo(3));
        Assert.That(_robot.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ServerErrorsAndDroppedConnections_AreRetried()
    {
        await using var host = await StartHostAsync();
        _robot.FailNextWithStatus(1, 502);
        _robot.DropNext(1);

        await host.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        await _robot.NextReceivedAsync(Wait);

        Assert.That(_robot.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task FailingOnEveryAttempt_GivesUpAndGoesOnWithTheNextChange()
    {
        await using var host = await StartHostAsync(new() { ["Alerts:WeCom:MaxAttempts"] = "2" });
        _robot.FailNext(2, -1);

        await host.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        var next = await host.Store.RaiseOrUpdateAsync(AlertDrafts.Escalation("sme", _now), _now, CancellationToken.None);
        var message = await _robot.NextReceivedAsync(Wait);

        Assert.That(message.Content, Does.Contain(next.Alert.Id));
        Assert.That(_robot.Calls, Is.EqualTo(3), "two attempts for the first, one for the second");
        Assert.That(host.Notifier.Failed, Is.EqualTo(1));
    }

    [Test]
    public async Task AWrongKey_IsNotRetried()
    {
        await using var host = await StartHostAsync(new() { ["Alerts:WeCom:WebhookUrl"] = _robot.WebhookUrl + "-wrong" });

        await host.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        await WaitUntilAsync(() => host.Notifier.Handled >= 1);

        Assert.That(_robot.Calls, Is.EqualTo(1));
        Assert.That(host.Notifier.Failed, Is.EqualTo(1));
    }

    [Test]
    public async Task TwoInstancesOnOneRedis_TellEachChangeOnce()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
            ["Storage:RedisKeyPrefix"] = TestRedis.NewPrefix(),
        };
        await using var first = await StartHostAsync(settings);
        await using var second = await StartHostAsync(settings);

        var raised = await first.Store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 14, _now), _now, CancellationToken.None);
        await second.Store.RaiseOrUpdateAsync(AlertDrafts.Repeats(_now), _now, CancellationToken.None);
        await second.Store.ResolveAsync(raised.Alert.Id, "王五", _now, CancellationToken.None);
        await WaitUntilAsync(() => first.Notifier.Handled >= 3 && second.Notifier.Handled >= 3);

        Assert.That(_robot.Received, Has.Count.EqualTo(3), "raised, raised, resolved: each once");
        Assert.That(first.Notifier.Sent + second.Notifier.Sent, Is.EqualTo(3));
        Assert.That(first.Notifier.ClaimedElsewhere + second.Notifier.ClaimedElsewhere, Is.EqualTo(3));
    }

    [TestCase("Alerts:WeCom:WebhookUrl", "ftp://qyapi.example/send?key=secret-key-123", "Alerts:WeCom:WebhookUrl")]
    [TestCase("Alerts:WeCom:MaxAttempts", "0", "MaxAttempts")]
    [TestCase("Alerts:PublicBaseUrl", "rb.example.gov.cn", "Alerts:PublicBaseUrl")]
    public async Task BadSettings_StopStartUpNamingTheSettingButNotTheKey(string key, string value, string named)
    {
        await using var host = new AlertsHost(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = host.Server);

        Assert.That(error!.Message, Does.Contain(named));
        Assert.That(error.Message, Does.Not.Contain("secret-key-123"));
    }

    private async Task<AlertsHost> StartHostAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Alerts:WeCom:WebhookUrl"] = _robot.WebhookUrl,
            ["Alerts:WeCom:RetryBaseDelay"] = "00:00:00.020",
            ["Alerts:PublicBaseUrl"] = "https://rb.example.gov.cn/",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var host = new AlertsHost(all);
        await host.StartAsync();
        return host;
    }

    /// <summary>Waits for the service to get somewhere; the assertions that follow check what it did.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cancel = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(20, cancel.Token);
        }
    }
}
