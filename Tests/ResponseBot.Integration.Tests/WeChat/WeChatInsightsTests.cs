using System.Net.Http.Json;
using System.Text.Json;

namespace ResponseBot.Integration.Tests.WeChat;

// Every inquiry through the 公众号 is read by the insight models: the reading is recorded with the interaction, and
// an escalation reaches the press office's alert feed with the user's personal data masked.
[Category("Integration")]
public sealed class WeChatInsightsTests : SafeModeFixture
{
    private const string Complaint = "新能源汽车推广补贴拖了半年还没发下来，打了十几次电话都没人管，再不解决我就找媒体曝光！我电话13912345678";

    [Test]
    public async Task Text_Complaint_IsRecordedWithItsSentimentTopicAndDepartment()
    {
        await Player.SendTextAsync("o-user-1", Complaint);

        var page = await Player.Client.GetFromJsonAsync<JsonElement>("/api/interactions?channel=wechat&userId=o-user-1");
        var interaction = page.GetProperty("interactions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(interaction.GetProperty("sentiment").GetString(), Is.EqualTo("negative"));
            Assert.That(interaction.GetProperty("topic").GetString(), Is.EqualTo("nev"));
            Assert.That(interaction.GetProperty("routedTo").GetString(), Is.EqualTo("auto"));
        });
    }

    [Test]
    public async Task Text_Feedback_IsNotReadAsAnInquiry()
    {
        await Player.SendTextAsync("o-user-1", "专精特新企业有哪些奖励");
        await Player.SendTextAsync("o-user-1", "不满意");

        var page = await Player.Client.GetFromJsonAsync<JsonElement>("/api/interactions?channel=wechat&userId=o-user-1");
        var newest = page.GetProperty("interactions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(newest.GetProperty("reply").GetString(), Is.EqualTo("feedback"));
            Assert.That(newest.TryGetProperty("sentiment", out _), Is.False);
        });
    }

    [Test]
    public async Task Text_EscalationWords_RaiseAnAlertWithMaskedEvidence()
    {
        await Player.SendTextAsync("o-user-1", Complaint);

        var alert = await WaitForAlertAsync("escalation");
        var json = alert.GetRawText();
        Assert.Multiple(() =>
        {
            Assert.That(alert.GetProperty("status").GetString(), Is.EqualTo("new"));
            Assert.That(alert.GetProperty("topic").GetString(), Is.EqualTo("nev"));
            Assert.That(json, Does.Contain("曝光"));
            Assert.That(json, Does.Not.Contain("13912345678"));
            Assert.That(json, Does.Not.Contain("o-user-1"));
        });
    }

    // The detectors run behind the reply, off the user's clock: poll the feed for a few seconds.
    private async Task<JsonElement> WaitForAlertAsync(string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = await Player.Client.GetFromJsonAsync<JsonElement>($"/api/alerts?kind={kind}");
            if (page.GetProperty("alerts").GetArrayLength() > 0)
            {
                return page.GetProperty("alerts")[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no {kind} alert within 15 s");
            }

            await Task.Delay(100);
        }
    }
}
