using System.Net.Http.Json;
using System.Text.Json;
using ResponseBot.Integration.Tests.Redis;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

// Two instances behind one load balancer, sharing one real Redis: WeChat's retry of a message may reach either.
[Category("Integration")]
public sealed class TwoInstancesTests
{
    [Test]
    public async Task SameMsgId_ToTwoInstancesAtOnce_GivesOneAnswerAndOneRecord()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
            ["Storage:RedisKeyPrefix"] = TestRedis.NewPrefix(),
        };
        await using var api = await FakeWeChatApi.StartAsync();
        await using var first = new WeChatHost(api, settings);
        await using var second = new WeChatHost(api, settings);
        var (a, b) = (first.Player(), second.Player());

        for (var round = 0; round < 10; round++)
        {
            var xml = WeChatPlayer.TextXml("o-shared", "专精特新企业有哪些奖励", a.NextMsgId());
            var replies = await Task.WhenAll(a.PostAsync(xml), b.PostAsync(xml), a.PostAsync(xml), b.PostAsync(xml));
            Assert.That(replies.Count(r => r.Content is not null), Is.EqualTo(1), $"round {round}: one answer");
        }

        var fromFirst = await a.Client.GetFromJsonAsync<JsonElement>("/api/interactions?channel=wechat&userId=o-shared&limit=100");
        var fromSecond = await b.Client.GetFromJsonAsync<JsonElement>("/api/interactions?channel=wechat&userId=o-shared&limit=100");
        Assert.That(fromFirst.GetProperty("interactions").GetArrayLength(), Is.EqualTo(10), "one record per message");
        Assert.That(fromSecond.GetRawText(), Is.EqualTo(fromFirst.GetRawText()), "both instances see the same records");
    }

    [Test]
    public async Task Conversation_MovesBetweenInstances_KeepsItsChoices()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
            ["Storage:RedisKeyPrefix"] = TestRedis.NewPrefix(),
        };
        await using var api = await FakeWeChatApi.StartAsync();
        await using var first = new WeChatHost(api, settings);
        await using var second = new WeChatHost(api, settings);

        var clarify = await first.Player().SendTextAsync("o-moving", "中小企业");
        var answer = await second.Player().SendTextAsync("o-moving", "2");

        Assert.That(clarify.Content, Does.StartWith("您是想问："));
        Assert.That(answer.Content, Does.Contain("满意"), "the second instance read the first one's choices");
    }
}
