using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

/// <summary>
/// The real service with the WeChat channel on, its WeChat API pointed at <see cref="FakeWeChatApi"/>, on its own
/// SQLite file. Extra settings switch the mode, the storage provider or the reply budget.
/// </summary>
internal sealed class WeChatHost : WebApplicationFactory<Program>
{
    public const string Token = "rbtoken2026";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private readonly string _directory = Directory.CreateTempSubdirectory("responsebot-wechat-").FullName;
    private readonly FakeWeChatApi _api;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public WeChatHost(FakeWeChatApi api, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _api = api;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
    }

    public string Mode => _settings.TryGetValue("WeChat:Mode", out var mode) && mode is not null ? mode : "Safe";

    /// <summary>A client that plays WeChat's servers against this service.</summary>
    public WeChatPlayer Player() => new(CreateClient(), Token, EncodingAesKey, _api.AppId, encrypt: !string.Equals(Mode, "Plain", StringComparison.OrdinalIgnoreCase));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Knowledge:SqlitePath", Path.Combine(_directory, "responsebot.db"));
        builder.UseSetting("WeChat:Enabled", "true");
        builder.UseSetting("WeChat:Token", Token);
        builder.UseSetting("WeChat:EncodingAESKey", EncodingAesKey);
        builder.UseSetting("WeChat:AppId", _api.AppId);
        builder.UseSetting("WeChat:AppSecret", _api.AppSecret);
        builder.UseSetting("WeChat:Mode", "Safe");
        builder.UseSetting("WeChat:ApiBaseUrl", _api.BaseUrl);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
