using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Integration.Tests.AlertsApi;

/// <summary>
/// The real service on its own SQLite file (or on Redis, by settings), with the alert store, the feed and the WeCom
/// notifier as registered in production. Extra settings point the robot at a fake or switch the storage provider.
/// </summary>
internal sealed class AlertsHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responsebot-alerts-").FullName;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    public AlertsHost(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _time = time;
    }

    public IAlertStore Store => Services.GetRequiredService<IAlertStore>();

    public IInquiryStatistics Statistics => Services.GetRequiredService<IInquiryStatistics>();

    public AlertFeed Feed => Services.GetRequiredService<AlertFeed>();

    public WeComNotifier Notifier => Services.GetRequiredService<WeComNotifier>();

    /// <summary>Starts the service and waits until its feed and notifier follow the store.</summary>
    public async Task StartAsync()
    {
        _ = Server;
        await Feed.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await Notifier.Following.WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Knowledge:SqlitePath", Path.Combine(_directory, "responsebot.db"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IInquiryClassifier, NoClassifier>();
            if (_time is not null)
            {
                services.AddSingleton(_time);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
