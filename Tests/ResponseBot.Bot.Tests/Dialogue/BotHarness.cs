using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.State;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge;

namespace ResponseBot.Bot.Tests.Dialogue;

/// <summary>
/// The bot as the service composes it (demo knowledge base, embedded state, SQLite records in a temp file), with a
/// user who sends messages one after another.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;
    private int _nextMessageId;

    private BotHarness(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
        Pipeline = host.Services.GetRequiredService<TurnPipeline>();
    }

    public TurnPipeline Pipeline { get; }

    public IConversationRecords Records => _host.Services.GetRequiredService<IConversationRecords>();

    public IConversationStore Conversations => _host.Services.GetRequiredService<IConversationStore>();

    public static async Task<BotHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rb-bot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:SqlitePath"] = Path.Combine(directory, "bot.db"),
            ["Knowledge:SeedFile"] = "data/kb/demo.jsonl",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddKnowledge();
        builder.AddBot();
        var host = builder.Build();
        await host.StartAsync();
        return new BotHarness(host, directory);
    }

    /// <summary>Sends <paramref name="text"/> as a new message from <paramref name="user"/>.</summary>
    public Task<BotReply> SendAsync(string text, string user = "user-1") =>
        Pipeline.RunAsync(Message(InboundKind.Text, text, user), CancellationToken.None);

    public InboundMessage Message(InboundKind kind, string text = "", string user = "user-1") =>
        new("test", user, (++_nextMessageId).ToString(CultureInfo.InvariantCulture), kind, text, DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
