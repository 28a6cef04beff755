using Microsoft.Extensions.Logging;
using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

public sealed class WeChatApiClientTests : FakeApiTests
{
    private const string OpenId = "oUser-client-tests";

    [Test]
    public async Task GetStableTokenAsync_NewToken_ExpiresWhenWeChatSays()
    {
        var token = await Api.Client.GetStableTokenAsync(false, CancellationToken.None);

        Assert.That(token.Value, Is.EqualTo(Api.Fake.CurrentToken));
        Assert.That(token.ExpiresAt, Is.EqualTo(ApiHarness.Start.AddSeconds(FakeWeChatApi.TokenLifetimeSeconds)));
        Assert.That(token.ToString(), Does.Not.Contain(token.Value));
    }

    [Test]
    public async Task GetStableTokenAsync_ForceRefresh_ReplacesTheToken()
    {
        var first = await Api.Client.GetStableTokenAsync(false, CancellationToken.None);

        var forced = await Api.Client.GetStableTokenAsync(true, CancellationToken.None);

        Assert.That(forced.Value, Is.Not.EqualTo(first.Value));
        Assert.That(Api.Fake.ForcedRefreshes, Is.EqualTo(1));
    }

    [Test]
    public async Task SendCustomTextAsync_ChineseText_SentAsIsNotEscaped()
    {
        var token = await Api.Tokens.GetAsync(CancellationToken.None);
        const string text = "您好，专精特新企业认定材料请见 <a href=\"https://example.gov.cn/a?b=1&c=2\">办事指南</a>。";

        await Api.Client.SendCustomTextAsync(token, OpenId, text, CancellationToken.None);

        var received = Api.Fake.Received.Single();
        Assert.That(received.Content, Is.EqualTo(text));
        Assert.That(received.ToUser, Is.EqualTo(OpenId));
        Assert.That(received.Body, Does.Contain("您好，专精特新企业认定材料").And.Contain("<a href=").And.Not.Contain("\\u"));
    }

    [Test]
    public async Task SendCustomTextAsync_ErrorCode_ThrowsWithCodeAndErrmsg()
    {
        var token = await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Fake.CloseWindow(OpenId);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(
            () => Api.Client.SendCustomTextAsync(token, OpenId, "你好", CancellationToken.None));

        Assert.That(ex!.ErrorCode, Is.EqualTo(WeChatErrorCodes.ResponseOutOfTimeLimit));
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(ex.Message, Does.Contain("message/custom/send").And.Contain("response out of time limit").And.Not.Contain(token));
    }

    [Test]
    public async Task SendCustomTextAsync_Http500_ThrowsTransient()
    {
        var token = await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Fake.FailNextWithStatus(FakeEndpoint.CustomSend, 1, 500);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(
            () => Api.Client.SendCustomTextAsync(token, OpenId, "你好", CancellationToken.None));

        Assert.That(ex!.StatusCode, Is.EqualTo(500));
        Assert.That(ex.IsTransient, Is.True);
        Assert.That(ex.Message, Does.Not.Contain(token));
    }

    [Test]
    public async Task SendCustomTextAsync_NoAnswerInTime_ThrowsTransient()
    {
        var token = await Api.Tokens.GetAsync(CancellationToken.None);
        var impatient = Api.CreateClient(timeout: TimeSpan.FromMilliseconds(200));
        Api.Fake.DelayNext(FakeEndpoint.CustomSend, 1, TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<WeChatApiException>(
            () => impatient.SendCustomTextAsync(token, OpenId, "你好", CancellationToken.None));

        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(ex.Message, Does.Contain("no answer"));
    }

    [Test]
    public async Task SendCustomTextAsync_WeChatUnreachable_ThrowsTransient()
    {
        var url = Api.Fake.BaseUrl;
        await Api.Fake.DisposeAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new WeChatOptions { ApiBaseUrl = url });
        using var http = new HttpClient();
        WeChatApiClient.Configure(http, options.Value);
        var client = new WeChatApiClient(http, options, Api.Clock, Api.LoggerFactory.CreateLogger<WeChatApiClient>());

        var ex = await Assert.ThrowsAsync<WeChatApiException>(
            () => client.SendCustomTextAsync("token", OpenId, "你好", CancellationToken.None));

        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(ex.Message, Does.Contain("could not reach WeChat"));
    }
}
