using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

public sealed class WeChatServiceCollectionExtensionsTests
{
    private const string ValidKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private FakeWeChatApi _fake = null!;
    private CapturingLoggerProvider _logs = null!;

    [SetUp]
    public async Task SetUp()
    {
        _fake = await FakeWeChatApi.StartAsync();
        _logs = new CapturingLoggerProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        _logs.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task AddWeChat_EnabledWithoutToken_FailsAtStartNamingTheVariable()
    {
        using var host = Build(new() { ["WeChat:Enabled"] = "true", ["WeChat:Mode"] = "Plain" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("WeChat__Token"));
    }

    [Test]
    public async Task AddWeChat_SafeModeWithShortKeyAndNoAppId_NamesBoth()
    {
        using var host = Build(new()
        {
            ["WeChat:Enabled"] = "true",
            ["WeChat:Token"] = "token123",
            ["WeChat:EncodingAESKey"] = "tooshort10",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("WeChat__EncodingAESKey must be the 43 letters and digits").And.Contain("it is 10 characters"));
        Assert.That(ex.Message, Does.Contain("WeChat__AppId is required when WeChat:Mode is Safe"));
    }

    [Test]
    public async Task AddWeChat_EnabledWithInvalidMenu_FailsAtStartNamingTheButton()
    {
        using var host = Build(new()
        {
            ["WeChat:Enabled"] = "true",
            ["WeChat:Mode"] = "Plain",
            ["WeChat:Token"] = "token123",
            ["WeChat:Menu:0:Name"] = "常见问题解答",
            ["WeChat:Menu:0:Key"] = "FAQ",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("WeChat:Menu:0 (\"常见问题解答\"): Name is 18 bytes"));
    }

    [Test]
    public async Task AddWeChat_Disabled_StartsWithNothingSet()
    {
        using var host = Build([]);

        await host.StartAsync();
        await host.StopAsync();

        Assert.That(host.Services.GetRequiredService<IOptions<WeChatOptions>>().Value.Enabled, Is.False);
        Assert.That(host.Services.GetRequiredService<WeChatMenu>(), Is.SameAs(WeChatMenu.None));
        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task AddWeChat_SafeModeComplete_StartsWithTheInMemoryTokenStoreAndTheMenu()
    {
        using var host = Build(new()
        {
            ["WeChat:Enabled"] = "true",
            ["WeChat:Token"] = "token123",
            ["WeChat:EncodingAESKey"] = ValidKey,
            ["WeChat:AppId"] = _fake.AppId,
            ["WeChat:AppSecret"] = _fake.AppSecret,
            ["WeChat:ApiBaseUrl"] = _fake.BaseUrl,
            ["WeChat:Menu:0:Name"] = "常见问题",
            ["WeChat:Menu:0:Key"] = "FAQ",
            ["WeChat:Menu:0:EntryIds:0"] = "kb-0001",
        });

        await host.StartAsync();
        await host.StopAsync();

        Assert.That(host.Services.GetRequiredService<WeChatMenu>().EntriesFor("FAQ"), Is.EqualTo(new[] { "kb-0001" }));
        Assert.That(host.Services.GetRequiredService<IAccessTokenStore>(), Is.TypeOf<InMemoryAccessTokenStore>());
        Assert.That(host.Services.GetServices<IHostedService>(), Has.Some.SameAs(host.Services.GetRequiredService<CustomerServiceSender>()));
        Assert.That(_logs.Entries.Any(e => e.EventId.Id == 3117), Is.False);
    }

    [Test]
    public async Task AddWeChat_NoAppSecret_StartsAndWarnsOnce()
    {
        using var host = Build(new() { ["WeChat:Enabled"] = "true", ["WeChat:Mode"] = "Plain", ["WeChat:Token"] = "token123" });

        await host.StartAsync();
        var accepted = host.Services.GetRequiredService<CustomerServiceSender>().TryEnqueue("oUser", "你好");
        await host.StopAsync();

        Assert.That(accepted, Is.False);
        Assert.That(_logs.Entries.Count(e => e.EventId.Id == 3117), Is.EqualTo(1));
    }

    [Test]
    public async Task Logs_SendsWithRefusedTokensRetriesAndRefusals_NeverContainTheTokenOrTheSecret()
    {
        using var host = Build(new()
        {
            ["WeChat:Enabled"] = "true",
            ["WeChat:Mode"] = "Plain",
            ["WeChat:Token"] = "token123",
            ["WeChat:AppId"] = _fake.AppId,
            ["WeChat:AppSecret"] = _fake.AppSecret,
            ["WeChat:ApiBaseUrl"] = _fake.BaseUrl,
        });
        await host.StartAsync();
        var sender = host.Services.GetRequiredService<CustomerServiceSender>();
        var client = host.Services.GetRequiredService<WeChatApiClient>();

        _fake.FailNext(FakeEndpoint.CustomSend, 1, WeChatErrorCodes.InvalidCredential);
        sender.TryEnqueue("oUser1", "第一条");
        _fake.FailNextWithStatus(FakeEndpoint.CustomSend, 1, 500);
        sender.TryEnqueue("oUser2", "第二条");
        _fake.CloseWindow("oUser3");
        sender.TryEnqueue("oUser3", "第三条");
        await host.StopAsync();
        var stale = _fake.IssuedTokens[0];
        _fake.ExpireTokens();
        await Assert.ThrowsAsync<WeChatApiException>(() => client.SendCustomTextAsync(stale, "oUser4", "第四条", CancellationToken.None));

        Assert.That(sender.Sent, Is.EqualTo(2), "the scenario ran");
        Assert.That(_fake.IssuedTokens, Has.Count.EqualTo(2));
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Does.Contain(3100).And.Contain(3101).And.Contain(3113).And.Contain(3114));
        foreach (var secret in _fake.IssuedTokens.Append(_fake.AppSecret))
        {
            Assert.That(_logs.Entries.Where(e => e.Text.Contains(secret, StringComparison.Ordinal)), Is.Empty);
        }

        Assert.That(_logs.Entries.Where(e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)), Is.Empty);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddConversationState(builder.Configuration);
        builder.AddWeChat();
        builder.Services.Configure<CustomerServiceOptions>(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));
        return builder.Build();
    }
}
