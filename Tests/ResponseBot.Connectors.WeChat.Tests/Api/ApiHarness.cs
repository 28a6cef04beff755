using Microsoft.Extensions.Logging;
using ResponseBot.Bot.State;
using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

/// <summary>
/// The API client, token provider and sender wired to a <see cref="FakeWeChatApi"/> the way the service wires them
/// to WeChat, sharing one clock, with every log entry captured.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _disposables = [];

    private ApiHarness(FakeWeChatApi fake, ManualClock clock, WeChatOptions options)
    {
        Fake = fake;
        Clock = clock;
        Options = options;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Store = new InMemoryAccessTokenStore(clock);
        Locks = new InMemoryLockProvider(clock);
        Client = CreateClient();
        Tokens = CreateTokenProvider();
    }

    public FakeWeChatApi Fake { get; }

    public ManualClock Clock { get; }

    public WeChatOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public IAccessTokenStore Store { get; }

    public ILockProvider Locks { get; }

    public WeChatApiClient Client { get; }

    public AccessTokenProvider Tokens { get; }

    /// <summary>Starts a fake and points a client at it; <paramref name="appSecret"/> overrides the secret the client sends.</summary>
    public static async Task<ApiHarness> StartAsync(string? appSecret = null)
    {
        var clock = new ManualClock(Start);
        var fake = await FakeWeChatApi.StartAsync(timeProvider: clock);
        var options = new WeChatOptions
        {
            Enabled = true,
            AppId = fake.AppId,
            AppSecret = appSecret ?? fake.AppSecret,
            ApiBaseUrl = fake.BaseUrl,
        };
        return new ApiHarness(fake, clock, options);
    }

    /// <summary>Another client, as a second instance of the service would have, with its own HttpClient.</summary>
    public WeChatApiClient CreateClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient();
        _disposables.Add(http);
        WeChatApiClient.Configure(http, Options);
        if (timeout is { } shorter)
        {
            http.Timeout = shorter;
        }

        return new WeChatApiClient(http, Microsoft.Extensions.Options.Options.Create(Options), Clock, LoggerFactory.CreateLogger<WeChatApiClient>());
    }

    /// <summary>A provider sharing this harness's store and locks, as every instance shares Redis.</summary>
    public AccessTokenProvider CreateTokenProvider(WeChatApiClient? client = null) =>
        new(client ?? Client, Store, Locks, Microsoft.Extensions.Options.Options.Create(Options), Clock,
            LoggerFactory.CreateLogger<AccessTokenProvider>());

    /// <summary>A sender with quick retries and a long shutdown grace, so stopping it waits for the queue.</summary>
    public CustomerServiceSender CreateSender(CustomerServiceOptions? settings = null) =>
        new(Tokens, Client, Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(settings ?? QuickSettings()), Clock,
            LoggerFactory.CreateLogger<CustomerServiceSender>());

    public static CustomerServiceOptions QuickSettings() => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        ShutdownGrace = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        LoggerFactory.Dispose();
        await Fake.DisposeAsync();
    }
}
