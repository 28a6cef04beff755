using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

/// <summary>A fresh service in safe mode, its fake WeChat API, and a player of WeChat's servers, for each test.</summary>
public abstract class SafeModeFixture
{
    private WeChatHost _host = null!;

    private protected FakeWeChatApi Api { get; private set; } = null!;

    private protected WeChatPlayer Player { get; private set; } = null!;

    [SetUp]
    public async Task Start()
    {
        Api = await FakeWeChatApi.StartAsync();
        _host = new WeChatHost(Api);
        Player = _host.Player();
    }

    [TearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await Api.DisposeAsync();
    }
}
