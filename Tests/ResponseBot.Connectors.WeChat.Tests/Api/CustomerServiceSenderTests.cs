using System.Text;
using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

public sealed class CustomerServiceSenderTests : FakeApiTests
{
    private const string OpenId = "oUser-sender-tests";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private CustomerServiceSender _sender = null!;

    [SetUp]
    public async Task SetUp()
    {
        _sender = Api.CreateSender();
        await _sender.StartAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _sender.StopAsync(CancellationToken.None);
        _sender.Dispose();
    }

    [Test]
    public async Task TryEnqueue_ShortText_SentAsOneMessage()
    {
        Assert.That(_sender.TryEnqueue(OpenId, "您好，请问有什么可以帮您？"), Is.True);

        var received = await Api.Fake.NextReceivedAsync(Wait);

        Assert.That(received.ToUser, Is.EqualTo(OpenId));
        Assert.That(received.Content, Is.EqualTo("您好，请问有什么可以帮您？"));
    }

    [Test]
    public async Task TryEnqueue_TextOver2048Bytes_SentAsSeveralMessagesEachWithinTheLimit()
    {
        var text = LongAnswer(5000);

        _sender.TryEnqueue(OpenId, text);
        await _sender.StopAsync(CancellationToken.None);

        var contents = Api.Fake.Received.Select(m => m.Content).ToList();
        Assert.That(contents, Has.Count.EqualTo(3));
        Assert.That(contents.Select(c => Encoding.UTF8.GetByteCount(c)), Has.All.LessThanOrEqualTo(2048));
        Assert.That(string.Concat(contents), Is.EqualTo(text));
        Assert.That(_sender.Sent, Is.EqualTo(3));
    }

    [Test]
    public async Task TryEnqueue_BeyondTheQuota_DropsTheRestWithoutAskingWeChat()
    {
        var accepted = Enumerable.Range(1, 7).Select(i => _sender.TryEnqueue(OpenId, $"第{i}条")).ToList();
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(accepted, Is.EqualTo(new[] { true, true, true, true, true, false, false }));
        Assert.That(Api.Fake.Received.Select(m => m.Content), Is.EqualTo(new[] { "第1条", "第2条", "第3条", "第4条", "第5条" }));
        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(5));
        Assert.That((_sender.Sent, _sender.Dropped, _sender.Failed), Is.EqualTo((5L, 2L, 0L)));
    }

    [Test]
    public async Task TryEnqueue_QuotaWindowLapsed_SendsAgain()
    {
        for (var i = 0; i < 5; i++)
        {
            _sender.TryEnqueue(OpenId, "答复");
        }

        for (var i = 0; i < 5; i++)
        {
            await Api.Fake.NextReceivedAsync(Wait);
        }

        Assert.That(_sender.TryEnqueue(OpenId, "超出配额"), Is.False);
        Api.Clock.Advance(TimeSpan.FromHours(48));
        Api.Fake.UserMessaged(OpenId);

        Assert.That(_sender.TryEnqueue(OpenId, "新的答复"), Is.True);
        await _sender.StopAsync(CancellationToken.None);
        Assert.That(Api.Fake.Received[^1].Content, Is.EqualTo("新的答复"));
    }

    [Test]
    public async Task Send_WindowClosed_StopsForThatUserWithoutRetryingAndLogsOnce()
    {
        Api.Fake.CloseWindow(OpenId);

        _sender.TryEnqueue(OpenId, LongAnswer(5000));
        _sender.TryEnqueue("oOther-user", "别人的答复");
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(2), "one refused call, then the other user's");
        Assert.That(Api.Fake.Received.Select(m => m.ToUser), Is.EqualTo(new[] { "oOther-user" }));
        Assert.That((_sender.Sent, _sender.Dropped, _sender.Failed), Is.EqualTo((1L, 2L, 1L)));
        Assert.That(Api.Logs.Entries.Count(e => e.EventId.Id == 3113), Is.EqualTo(1));
    }

    [Test]
    public async Task Send_QuotaRefusedByWeChat_StopsForThatUserWithoutRetrying()
    {
        Api.Fake.FailNext(FakeEndpoint.CustomSend, 1, WeChatErrorCodes.ResponseCountLimit);

        _sender.TryEnqueue(OpenId, LongAnswer(3000));
        await Eventually(() => _sender.Failed + _sender.Dropped == 2);
        var later = _sender.TryEnqueue(OpenId, "再来一条");
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(1));
        Assert.That(later, Is.False);
        Assert.That(Api.Fake.Received, Is.Empty);
        Assert.That(_sender.Failed, Is.EqualTo(1));
    }

    [Test]
    public async Task Send_Http500Twice_DeliveredOnTheThirdAttempt()
    {
        Api.Fake.FailNextWithStatus(FakeEndpoint.CustomSend, 2, 500);

        _sender.TryEnqueue(OpenId, "你好");
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(3));
        Assert.That(Api.Fake.Received, Has.Count.EqualTo(1));
        Assert.That((_sender.Sent, _sender.Failed), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public async Task Send_Http500EveryTime_GivesUpAfterThreeAttemptsAndGoesOn()
    {
        Api.Fake.FailNextWithStatus(FakeEndpoint.CustomSend, 4, 500);

        _sender.TryEnqueue(OpenId, "第一条");
        _sender.TryEnqueue("oOther-user", "第二条");
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(3 + 2), "three attempts each; the second succeeds on its second");
        Assert.That(Api.Fake.Received.Select(m => m.Content), Is.EqualTo(new[] { "第二条" }));
        Assert.That((_sender.Sent, _sender.Failed), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public async Task Send_SystemBusy_Retried()
    {
        Api.Fake.FailNext(FakeEndpoint.CustomSend, 1, WeChatErrorCodes.SystemBusy);

        _sender.TryEnqueue(OpenId, "你好");
        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(2));
        Assert.That(_sender.Sent, Is.EqualTo(1));
    }

    [Test]
    public async Task StopAsync_MessagesQueued_SendsThemBeforeStopping()
    {
        Api.Fake.DelayNext(FakeEndpoint.CustomSend, 1, TimeSpan.FromMilliseconds(100));
        foreach (var user in new[] { "oA", "oB", "oC" })
        {
            _sender.TryEnqueue(user, "答复");
        }

        await _sender.StopAsync(CancellationToken.None);

        Assert.That(Api.Fake.Received.Select(m => m.ToUser), Is.EqualTo(new[] { "oA", "oB", "oC" }));
        Assert.That(_sender.TryEnqueue("oD", "太晚了"), Is.False);
    }

    [Test]
    public async Task StopAsync_GraceRunsOut_DropsWhatIsLeft()
    {
        using var sender = Api.CreateSender(new CustomerServiceOptions { ShutdownGrace = TimeSpan.FromMilliseconds(200) });
        await sender.StartAsync(CancellationToken.None);
        Api.Fake.DelayNext(FakeEndpoint.CustomSend, 1, TimeSpan.FromSeconds(30));
        foreach (var user in new[] { "oA", "oB", "oC" })
        {
            sender.TryEnqueue(user, "答复");
        }

        await sender.StopAsync(CancellationToken.None);

        Assert.That((sender.Sent, sender.Dropped), Is.EqualTo((0L, 3L)));
        Assert.That(Api.Logs.Entries.Any(e => e.EventId.Id == 3116), Is.True);
    }

    [Test]
    public void TryEnqueue_WithoutAppSecret_RefusesAndCountsTheDrop()
    {
        Api.Options.AppSecret = string.Empty;
        using var sender = Api.CreateSender();

        Assert.That(sender.TryEnqueue(OpenId, "你好"), Is.False);
        Assert.That(sender.Dropped, Is.EqualTo(1));
    }

    /// <summary>Waits for the background sender to reach a state; fails if it never does.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Chinese sentences with line breaks, about <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string LongAnswer(int bytes)
    {
        var text = new StringBuilder();
        for (var i = 1; Encoding.UTF8.GetByteCount(text.ToString()) < bytes; i++)
        {
            text.Append(i).Append("、申请专精特新中小企业认定，需提交企业基本情况、近两年财务数据和知识产权证明材料。");
            if (i % 4 == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
