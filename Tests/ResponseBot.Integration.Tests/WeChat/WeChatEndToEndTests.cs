using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Bot.Turns;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

// The service as WeChat sees it, in safe mode, through HTTP: every reply is opened and its signature checked.
[Category("Integration")]
public sealed class WeChatEndToEndTests : SafeModeFixture
{
    [Test]
    public async Task UrlVerification_SignedRequest_EchoesEchostr()
    {
        var response = await Player.Client.GetAsync(new Uri($"/wechat?{Player.SignedQuery()}&echostr=5927782489442352469", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("5927782489442352469"));
    }

    [Test]
    public async Task Text_InScope_IsAnsweredWithTheEntry()
    {
        var reply = await Player.SendTextAsync("o-user-1", "专精特新企业有哪些奖励");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Content, Does.Contain("专精特新").And.Contain("满意"));
    }

    [Test]
    public async Task Clarify_ThenTwo_AnswersTheSecondChoice()
    {
        var clarify = await Player.SendTextAsync("o-user-1", "中小企业");
        Assert.That(clarify.Content, Does.StartWith("您是想问：").And.Contain("2. "));
        var second = clarify.Content!.Split('\n').Single(l => l.StartsWith("2. ", StringComparison.Ordinal))[3..];

        var answer = await Player.SendTextAsync("o-user-1", "2");

        var interactions = await Interactions("o-user-1");
        Assert.That(answer.Content, Does.Contain("满意"));
        Assert.That(interactions[0].GetProperty("reply").GetString(), Is.EqualTo("answer"));
        Assert.That(await EntryQuestion(interactions[0].GetProperty("entryId").GetString()!), Is.EqualTo(second));
    }

    [Test]
    public async Task FollowUpPrompt_Number_OpensTheFollowUp()
    {
        var answer = await Player.SendTextAsync("o-user-1", "在哪里查看市经信委主动公开的政府信息");
        Assert.That(answer.Content, Does.Contain("您可能还想了解").And.Contain("1. "));

        await Player.SendTextAsync("o-user-1", "1");

        var interactions = await Interactions("o-user-1");
        Assert.That(interactions[0].GetProperty("entryId").GetString(), Is.EqualTo("open-gov-application"));
    }

    [Test]
    public async Task Feedback_AfterAnAnswer_IsListed()
    {
        await Player.SendTextAsync("o-user-1", "专精特新企业有哪些奖励");

        var thanks = await Player.SendTextAsync("o-user-1", "不满意");

        var feedback = await Player.Client.GetFromJsonAsync<JsonElement>("/api/feedback?entryId=specialized-sme-rewards");
        Assert.That(thanks.Content, Does.Contain("抱歉没能帮到您"));
        Assert.That(feedback.GetProperty("feedback").GetArrayLength(), Is.EqualTo(1));
        Assert.That(feedback.GetProperty("feedback")[0].GetProperty("satisfied").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Handoff_CreatesAWorkOrderListedForTheDepartment()
    {
        await Player.SendTextAsync("o-user-1", "公司被拖欠货款怎么办，我电话13912345678");

        var reply = await Player.SendTextAsync("o-user-1", "转人工");

        var orders = await Player.Client.GetFromJsonAsync<JsonElement>("/api/workorders?department=sme");
        var order = orders.GetProperty("orders")[0];
        Assert.Multiple(() =>
        {
            Assert.That(reply.Content, Does.Contain("已为您转人工").And.Contain(order.GetProperty("id").GetString()!));
            Assert.That(order.GetRawText(), Does.Not.Contain("13912345678"), "listings mask contacts");
        });
        var full = await Player.Client.GetFromJsonAsync<JsonElement>($"/api/workorders/{order.GetProperty("id").GetString()}");
        Assert.That(full.GetRawText(), Does.Contain("13912345678"), "the department's own view keeps them");
    }

    [Test]
    public async Task Subscribe_IsWelcomed()
    {
        var reply = await Player.PostAsync(WeChatPlayer.EventXml("o-user-1", "subscribe", "qrscene_123"));

        Assert.That(reply.Content, Does.Contain("欢迎关注"));
    }

    [Test]
    public async Task Unsubscribe_DeletesTheUsersData()
    {
        await Player.SendTextAsync("o-user-1", "专精特新企业有哪些奖励");
        await Player.SendTextAsync("o-user-1", "满意");
        await Player.SendTextAsync("o-user-2", "专精特新企业有哪些奖励");

        var reply = await Player.PostAsync(WeChatPlayer.EventXml("o-user-1", "unsubscribe"));

        Assert.Multiple(async () =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(reply.Content, Is.Null);
            Assert.That(await Interactions("o-user-1"), Is.Empty);
            Assert.That(await Interactions("o-user-2"), Has.Count.EqualTo(1));
            var feedback = await Player.Client.GetFromJsonAsync<JsonElement>("/api/feedback");
            Assert.That(feedback.GetProperty("feedback").GetArrayLength(), Is.Zero);
        });
    }

    [TestCase("image", "文字")]
    [TestCase("location", "位置")]
    [TestCase("shortvideo", "文字")]
    [TestCase("something_new", "文字")]
    public async Task OtherMessageTypes_AreAnsweredPolitely(string type, string expected)
    {
        var xml = WeChatPlayer.TextXml("o-user-1", "x", Player.NextMsgId()).Replace("[CDATA[text]]", $"[CDATA[{type}]]", StringComparison.Ordinal);

        var reply = await Player.PostAsync(xml);

        Assert.That(reply.Content, Does.Contain(expected));
    }

    [Test]
    public async Task Voice_WithRecognition_IsAnsweredAsText()
    {
        var xml = $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-user-1]]></FromUserName><CreateTime>{WeChatPlayer.Now}</CreateTime>" +
            $"<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m]]></MediaId><Format><![CDATA[amr]]></Format>" +
            $"<Recognition><![CDATA[专精特新企业有哪些奖励]]></Recognition><MsgId>{Player.NextMsgId()}</MsgId></xml>";

        var reply = await Player.PostAsync(xml);

        Assert.That(reply.Content, Does.Contain("满意"));
    }

    [Test]
    public async Task SameMsgId_RetriedByWeChat_IsAnsweredAndRecordedOnce()
    {
        var xml = WeChatPlayer.TextXml("o-user-1", "专精特新企业有哪些奖励", Player.NextMsgId());

        var first = await Player.PostAsync(xml);
        var retry = await Player.PostAsync(xml);

        Assert.That(first.Content, Is.Not.Null);
        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(retry.Content, Is.Null);
        Assert.That(await Interactions("o-user-1"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PastTheBudget_AcknowledgesThenSendsTheAnswerAsACustomerServiceMessage()
    {
        await using var slowApi = await FakeWeChatApi.StartAsync();
        await using var slow = new WeChatHost(
            slowApi,
            new Dictionary<string, string?> { ["WeChat:ReplyBudgetMilliseconds"] = "200" },
            services => services.AddSingleton<ITurnMiddleware>(new DelayMiddleware(TimeSpan.FromMilliseconds(800))));
        var wechat = slow.Player();
        slowApi.UserMessaged("o-slow");

        var reply = await wechat.SendTextAsync("o-slow", "专精特新企业有哪些奖励");
        var sent = await slowApi.NextReceivedAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(reply.Body, Is.Empty, "safe mode acknowledges with an empty body");
            Assert.That(sent.ToUser, Is.EqualTo("o-slow"));
            Assert.That(sent.Content, Does.Contain("专精特新"));
        });
    }

    private async Task<List<JsonElement>> Interactions(string user)
    {
        var page = await Player.Client.GetFromJsonAsync<JsonElement>($"/api/interactions?channel=wechat&userId={user}");
        return page.GetProperty("interactions").EnumerateArray().ToList();
    }

    private async Task<string> EntryQuestion(string entryId)
    {
        var entry = await Player.Client.GetFromJsonAsync<JsonElement>($"/api/kb/entries/{entryId}");
        return entry.GetProperty("question").GetString()!;
    }

    // Stands for a slow turn (a stalled store, a long search): added after the others, it delays the bot itself.
    private sealed class DelayMiddleware(TimeSpan delay) : ITurnMiddleware
    {
        public async Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await next(turn, cancellationToken);
        }
    }
}
