using ResponseBot.Bot.Turns;

namespace ResponseBot.Bot.Tests.Dialogue;

public sealed class PipelineTests
{
    private BotHarness _bot = null!;

    [SetUp]
    public async Task Start() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Bot:MessagesPerMinute"] = "3" });

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task SameDelivery_Twice_IsAnsweredAndRecordedOnce()
    {
        var message = _bot.Message(InboundKind.Text, "专精特新企业有哪些奖励");

        var first = await _bot.Pipeline.RunAsync(message, CancellationToken.None);
        var retry = await _bot.Pipeline.RunAsync(message, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(first.Kind, Is.EqualTo(ReplyKind.Answer));
            Assert.That(retry.Kind, Is.EqualTo(ReplyKind.Silent));
            Assert.That(await _bot.Records.ListInteractionsAsync("test", "user-1", 10, CancellationToken.None), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task SameDelivery_Concurrently_IsAnsweredOnce()
    {
        var message = _bot.Message(InboundKind.Text, "专精特新企业有哪些奖励");

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _bot.Pipeline.RunAsync(message, CancellationToken.None))));

        Assert.That(replies.Count(r => r.Kind == ReplyKind.Answer), Is.EqualTo(1));
    }

    [Test]
    public async Task OneUsersMessages_SentTogether_AreHandledInOrder()
    {
        // "2" sent right behind the ambiguous question must see its choices, however the two race.
        var question = _bot.Message(InboundKind.Text, "中小企业");
        var choice = _bot.Message(InboundKind.Text, "2");

        var first = _bot.Pipeline.RunAsync(question, CancellationToken.None);
        var second = _bot.Pipeline.RunAsync(choice, CancellationToken.None);
        var replies = await Task.WhenAll(first, second);

        Assert.That(replies[0].Kind, Is.EqualTo(ReplyKind.Clarify));
        Assert.That(replies[1].EntryId, Is.EqualTo(replies[0].Choices[1].EntryId));
    }

    [Test]
    public async Task RateLimit_OverTheLimit_AsksToSlowDownWithoutAnswering()
    {
        for (var i = 0; i < 3; i++)
        {
            await _bot.SendAsync("你好");
        }

        var reply = await _bot.SendAsync("专精特新企业有哪些奖励");
        var other = await _bot.SendAsync("你好", user: "another-user");

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.RateLimited));
        Assert.That(other.Kind, Is.EqualTo(ReplyKind.SmallTalk));
    }

    [Test]
    public async Task Interaction_IsRecordedMasked()
    {
        await _bot.SendAsync("我的身份证号是320402199001011234，手机13912345678，怎么做信用修复");

        var recorded = (await _bot.Records.ListInteractionsAsync("test", "user-1", 1, CancellationToken.None))[0];

        Assert.That(recorded.Text, Does.Not.Contain("320402199001011234").And.Not.Contain("13912345678"));
        Assert.That(recorded.Text, Does.Contain("信用修复"));
    }
}
