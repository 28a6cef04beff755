using ResponseBot.Bot.Records;
using ResponseBot.Bot.State;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Bot.Tests.Dialogue;

// Questions and their tiers come from the shipped demo knowledge base: "中小企业" is ambiguous (clarify), "今天天气怎么样"
// is out of scope (fallback), "专精特新企业有哪些奖励" is answered outright.
public sealed class DialogueTests
{
    private BotHarness _bot = null!;

    [SetUp]
    public async Task Start() => _bot = await BotHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task Question_InScope_AnswersWithTheEntryAndAsksForFeedback()
    {
        var reply = await _bot.SendAsync("专精特新企业有哪些奖励");

        Assert.Multiple(() =>
        {
            Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Answer));
            Assert.That(reply.EntryId, Is.EqualTo("specialized-sme-rewards"));
            Assert.That(reply.Text, Does.Contain("满意"));
        });
    }

    [Test]
    public async Task Clarify_ThenNumber_AnswersTheChosenEntry()
    {
        var clarify = await _bot.SendAsync("中小企业");
        Assert.That(clarify.Kind, Is.EqualTo(ReplyKind.Clarify));
        Assert.That(clarify.Choices, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(clarify.Text, Does.StartWith("您是想问："));

        var answer = await _bot.SendAsync("2");

        Assert.That(answer.Kind, Is.EqualTo(ReplyKind.Answer));
        Assert.That(answer.EntryId, Is.EqualTo(clarify.Choices[1].EntryId));
    }

    [Test]
    public async Task Clarify_ThenNumberOutOfRange_AsksAgainAndKeepsTheChoices()
    {
        var clarify = await _bot.SendAsync("中小企业");

        var again = await _bot.SendAsync("9");
        var answer = await _bot.SendAsync("１");   // full-width digits count

        Assert.Multiple(() =>
        {
            Assert.That(again.Kind, Is.EqualTo(ReplyKind.Clarify));
            Assert.That(again.Text, Does.Contain($"1 到 {clarify.Choices.Count}"));
            Assert.That(answer.EntryId, Is.EqualTo(clarify.Choices[0].EntryId));
        });
    }

    [Test]
    public async Task Clarify_ThenNewWords_SearchesAgain()
    {
        await _bot.SendAsync("中小企业");

        var reply = await _bot.SendAsync("专精特新企业有哪些奖励");

        Assert.That(reply.EntryId, Is.EqualTo("specialized-sme-rewards"));
    }

    [Test]
    public async Task Answer_WithFollowUps_NumberOpensTheFollowUp()
    {
        var answer = await _bot.SendAsync("在哪里查看市经信委主动公开的政府信息");
        Assert.That(answer.EntryId, Is.EqualTo("gov-info-disclosure-where"));
        Assert.That(answer.Choices, Has.Count.EqualTo(2));
        Assert.That(answer.Text, Does.Contain("1. ").And.Contain("您可能还想了解"));

        var followUp = await _bot.SendAsync("1");

        Assert.That(followUp.EntryId, Is.EqualTo("open-gov-application"));
    }

    [TestCase("满意", true)]
    [TestCase("不满意", false)]
    [TestCase("0", false)]
    public async Task Feedback_AfterAnswer_IsRecordedForTheEntry(string verdict, bool satisfied)
    {
        await _bot.SendAsync("专精特新企业有哪些奖励");

        var reply = await _bot.SendAsync(verdict);

        var feedback = await _bot.Records.ListFeedbackAsync("specialized-sme-rewards", 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Feedback));
            Assert.That(feedback, Has.Count.EqualTo(1));
            Assert.That(feedback[0].Satisfied, Is.EqualTo(satisfied));
        });
    }

    [Test]
    public async Task Feedback_OneAfterAnswerWithoutFollowUps_CountsAsSatisfied()
    {
        var answer = await _bot.SendAsync("政策文件看不懂，哪里有政策解读");
        Assert.That(answer.EntryId, Is.EqualTo("policy-interpretation-where"));
        Assert.That(answer.Choices, Is.Empty);
        Assert.That(answer.Text, Does.Contain("满意请回复 1"));

        var reply = await _bot.SendAsync("1");

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Feedback));
        Assert.That((await _bot.Records.ListFeedbackAsync(null, 10, CancellationToken.None))[0].Satisfied, Is.True);
    }

    [Test]
    public async Task Feedback_WithoutAnAnswerBefore_IsNotTakenAsFeedback()
    {
        var reply = await _bot.SendAsync("满意");

        Assert.That(reply.Kind, Is.Not.EqualTo(ReplyKind.Feedback));
        Assert.That(await _bot.Records.ListFeedbackAsync(null, 10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Fallback_SaysSoAndOffersAPerson()
    {
        var reply = await _bot.SendAsync("今天天气怎么样");

        Assert.Multiple(() =>
        {
            Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Fallback));
            Assert.That(reply.Text, Does.Contain("转人工"));
            Assert.That(reply.Department, Is.Not.Null);
        });
    }

    [Test]
    public async Task Handoff_OnRequest_CreatesAWorkOrderForTheBestMatchsDepartmentWithAMaskedTranscript()
    {
        await _bot.SendAsync("我叫张三，电话13912345678，公司被拖欠货款怎么办");
        var reply = await _bot.SendAsync("转人工");

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Handoff));
        var order = await _bot.Records.GetWorkOrderAsync(reply.WorkOrderId!, CancellationToken.None);
        Assert.That(order, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(order!.Department, Is.EqualTo("sme"));
            Assert.That(order.Reason, Is.EqualTo(HandoffReason.Requested));
            Assert.That(reply.Text, Does.Contain(order.Id).And.Contain("中小企业处"));
            Assert.That(order.Contacts, Is.EqualTo(new[] { "13912345678" }));
            Assert.That(string.Join("\n", order.Transcript.Select(l => l.Text)), Does.Not.Contain("13912345678").And.Not.Contain("张三"));
            Assert.That(order.Transcript.Select(l => l.Text), Has.Some.Contains("139****5678"));
            Assert.That(order.Question, Does.Contain("拖欠"));
        });
    }

    [Test]
    public async Task Handoff_AskedTwice_KeepsOneWorkOrder()
    {
        var first = await _bot.SendAsync("人工");
        var second = await _bot.SendAsync("转人工");

        Assert.That(second.WorkOrderId, Is.EqualTo(first.WorkOrderId));
        Assert.That(await _bot.Records.ListWorkOrdersAsync(null, null, 10, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Handoff_AfterRepeatedFallback_CreatesAWorkOrderByItself()
    {
        var first = await _bot.SendAsync("今天天气怎么样");
        var second = await _bot.SendAsync("明天会下雨吗");

        Assert.Multiple(() =>
        {
            Assert.That(first.Kind, Is.EqualTo(ReplyKind.Fallback));
            Assert.That(second.Kind, Is.EqualTo(ReplyKind.Handoff));
            Assert.That(second.WorkOrderId, Is.Not.Null);
        });
        var order = await _bot.Records.GetWorkOrderAsync(second.WorkOrderId!, CancellationToken.None);
        Assert.That(order!.Reason, Is.EqualTo(HandoffReason.RepeatedFallback));
    }

    [TestCase("你好")]
    [TestCase("您好！")]
    [TestCase("谢谢啦")]
    [TestCase("你是谁？")]
    public async Task SmallTalk_IsAnsweredKindly(string text)
    {
        var reply = await _bot.SendAsync(text);

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.SmallTalk));
    }

    [Test]
    public async Task SmallTalk_GreetingWithAQuestion_IsAQuestion()
    {
        var reply = await _bot.SendAsync("你好，专精特新企业有哪些奖励");

        Assert.That(reply.EntryId, Is.EqualTo("specialized-sme-rewards"));
    }

    [Test]
    public async Task Subscribe_Welcomes()
    {
        var reply = await _bot.Pipeline.RunAsync(_bot.Message(InboundKind.Subscribe), CancellationToken.None);

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Welcome));
        Assert.That(reply.Text, Does.Contain("欢迎"));
    }

    [Test]
    public async Task Unsubscribe_ForgetsTheUsersStateAndRecords()
    {
        await _bot.SendAsync("专精特新企业有哪些奖励");
        await _bot.SendAsync("满意");
        await _bot.SendAsync("今天天气怎么样", user: "someone-else");

        var reply = await _bot.Pipeline.RunAsync(_bot.Message(InboundKind.Unsubscribe), CancellationToken.None);

        var none = CancellationToken.None;
        Assert.Multiple(async () =>
        {
            Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Silent));
            Assert.That(await _bot.Conversations.GetAsync(new ConversationKey("test", "user-1"), none), Is.Null);
            Assert.That(await _bot.Records.ListInteractionsAsync("test", "user-1", 10, none), Is.Empty);
            Assert.That(await _bot.Records.ListFeedbackAsync(null, 10, none), Is.Empty);
            Assert.That(await _bot.Records.ListInteractionsAsync("test", "someone-else", 10, none), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Menu_OffersItsEntriesAsChoices()
    {
        var message = _bot.Message(InboundKind.Menu) with { EntryIds = ["credit-query", "retired-or-unknown", "credit-repair"] };

        var menu = await _bot.Pipeline.RunAsync(message, CancellationToken.None);
        var answer = await _bot.SendAsync("2");

        Assert.Multiple(() =>
        {
            Assert.That(menu.Kind, Is.EqualTo(ReplyKind.Menu));
            Assert.That(menu.Choices.Select(c => c.EntryId), Is.EqualTo(new[] { "credit-query", "credit-repair" }));
            Assert.That(answer.EntryId, Is.EqualTo("credit-repair"));
        });
    }

    [TestCase("voice", "语音")]
    [TestCase("image", "图片")]
    [TestCase("link", "文字")]
    public async Task Unsupported_IsAnsweredPolitely(string media, string expected)
    {
        var reply = await _bot.Pipeline.RunAsync(_bot.Message(InboundKind.Unsupported) with { Media = media }, CancellationToken.None);

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Unsupported));
        Assert.That(reply.Text, Does.Contain(expected));
    }

    [Test]
    public async Task TooLongMessage_IsAskedToBeShortened()
    {
        var reply = await _bot.SendAsync(new string('企', 100_000));

        Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Unsupported));
        Assert.That(reply.Text, Does.Contain("1000"));
    }
}
