using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

public sealed class AccessTokenProviderTests : FakeApiTests
{
    private const string OpenId = "oUser-token-tests";

    [Test]
    public async Task GetAsync_FiftyConcurrentCallersOnTwoInstances_FetchOneTokenAndShareIt()
    {
        var second = Api.CreateTokenProvider(Api.CreateClient());
        var callers = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => (i % 2 == 0 ? Api.Tokens : second).GetAsync(CancellationToken.None)));

        var tokens = await Task.WhenAll(callers);

        Assert.That(Api.Fake.Calls(FakeEndpoint.StableToken), Is.EqualTo(1));
        Assert.That(tokens.Distinct(), Is.EqualTo(new[] { Api.Fake.CurrentToken }));
    }

    [Test]
    public async Task GetAsync_TokenStored_ReadsTheStoreWithoutCallingWeChat()
    {
        var first = await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Clock.Advance(TimeSpan.FromHours(1));

        var second = await Api.Tokens.GetAsync(CancellationToken.None);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(Api.Fake.Calls(FakeEndpoint.StableToken), Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_WithinFiveMinutesOfExpiry_FetchesTheNextTokenBeforeExpiry()
    {
        var first = await Api.Tokens.GetAsync(CancellationToken.None);
        var lifetime = TimeSpan.FromSeconds(FakeWeChatApi.TokenLifetimeSeconds);

        Api.Clock.Advance(lifetime - AccessTokenProvider.RefreshMargin - TimeSpan.FromSeconds(1));
        var stillFirst = await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        var next = await Api.Tokens.GetAsync(CancellationToken.None);

        Assert.That(stillFirst, Is.EqualTo(first));
        Assert.That(next, Is.Not.EqualTo(first));
        Assert.That(Api.Fake.Calls(FakeEndpoint.StableToken), Is.EqualTo(2));
        Assert.That(Api.Fake.ForcedRefreshes, Is.Zero);
    }

    [TestCase(WeChatErrorCodes.InvalidCredential)]
    [TestCase(WeChatErrorCodes.InvalidAccessToken)]
    [TestCase(WeChatErrorCodes.AccessTokenExpired)]
    public async Task CallAsync_TokenRefused_RetriesOnceWithAFreshToken(int errorCode)
    {
        var refused = await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Fake.FailNext(FakeEndpoint.CustomSend, 1, errorCode);

        await Send("你好");

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(2));
        Assert.That(Api.Fake.Received.Select(m => m.Content), Is.EqualTo(new[] { "你好" }));
        // WeChat kept handing out the refused token, so only a forced refresh could replace it.
        Assert.That(Api.Fake.ForcedRefreshes, Is.EqualTo(1));
        Assert.That(await Api.Tokens.GetAsync(CancellationToken.None), Is.Not.EqualTo(refused));
    }

    [Test]
    public async Task CallAsync_TokenExpiredAtWeChat_FetchesTheNewTokenWithoutForcing()
    {
        await Api.Tokens.GetAsync(CancellationToken.None);
        Api.Fake.ExpireTokens();

        await Send("你好");

        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(2));
        Assert.That(Api.Fake.Calls(FakeEndpoint.StableToken), Is.EqualTo(2));
        Assert.That(Api.Fake.ForcedRefreshes, Is.Zero);
        Assert.That(Api.Fake.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CallAsync_TokenRefusedTwice_ThrowsTheSecondRefusal()
    {
        Api.Fake.FailNext(FakeEndpoint.CustomSend, 2, WeChatErrorCodes.InvalidAccessToken);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => Send("你好"));

        Assert.That(ex!.ErrorCode, Is.EqualTo(WeChatErrorCodes.InvalidAccessToken));
        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(2));
        Assert.That(Api.Fake.Received, Is.Empty);
    }

    [TestCase(WeChatErrorCodes.ResponseOutOfTimeLimit)]
    [TestCase(WeChatErrorCodes.ResponseCountLimit)]
    [TestCase(WeChatErrorCodes.SystemBusy)]
    public async Task CallAsync_ErrorNotAboutTheToken_ThrowsWithoutRetrying(int errorCode)
    {
        Api.Fake.FailNext(FakeEndpoint.CustomSend, 1, errorCode);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => Send("你好"));

        Assert.That(ex!.ErrorCode, Is.EqualTo(errorCode));
        Assert.That(Api.Fake.Calls(FakeEndpoint.CustomSend), Is.EqualTo(1));
        Assert.That(Api.Fake.Calls(FakeEndpoint.StableToken), Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_WrongAppSecret_ThrowsWeChatsRefusalWithoutTheSecret()
    {
        await using var api = await ApiHarness.StartAsync(appSecret: "wrong0secret0of0thirty0two0chars");

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => api.Tokens.GetAsync(CancellationToken.None));

        Assert.That(ex!.ErrorCode, Is.EqualTo(WeChatErrorCodes.InvalidAppSecret));
        Assert.That(ex.Message, Does.Contain("invalid appsecret").And.Not.Contain(api.Options.AppSecret));
    }

    private Task Send(string text) =>
        Api.Tokens.CallAsync((token, ct) => Api.Client.SendCustomTextAsync(token, OpenId, text, ct), CancellationToken.None);
}
