using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponseBot.Insights;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Integration.Tests.Redis;
using ResponseBot.Knowledge;

namespace ResponseBot.Integration.Tests.Alerts;

/// <summary><c>AddInsights</c> stores alerts and statistics where <c>Storage:Provider</c> says.</summary>
[Category("Integration")]
public sealed class InsightsRegistrationTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("responsebot-alerts-di-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task AddInsights_SqliteProvider_StoresInTheKnowledgeBaseFile()
    {
        var path = Path.Combine(_folder, "kb.db");
        using var host = Build(new() { ["Storage:Provider"] = "Sqlite", ["Knowledge:SqlitePath"] = path });

        var alerts = host.Services.GetRequiredService<IAlertStore>();
        var statistics = host.Services.GetRequiredService<IInquiryStatistics>();
        var raised = await alerts.RaiseOrUpdateAsync(Draft(), DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(alerts, Is.InstanceOf<SqliteAlertStore>());
            Assert.That(statistics, Is.InstanceOf<SqliteInquiryStatistics>());
            Assert.That(host.Services.GetRequiredService<IAlertStore>(), Is.SameAs(alerts), "one store per service");
            Assert.That(File.Exists(path), Is.True);
            Assert.That(raised.Alert.Id, Does.StartWith("AL-"));
        });
    }

    [Test]
    public async Task AddInsights_RedisProvider_StoresUnderTheConfiguredPrefix()
    {
        var prefix = TestRedis.NewPrefix();
        using var host = Build(
            new() { ["Storage:Provider"] = "Redis", ["Storage:RedisKeyPrefix"] = prefix },
            services => services.AddSingleton(TestRedis.Connect()));

        var alerts = host.Services.GetRequiredService<IAlertStore>();
        var statistics = host.Services.GetRequiredService<IInquiryStatistics>();
        var raised = await alerts.RaiseOrUpdateAsync(Draft(), DateTimeOffset.UnixEpoch, CancellationToken.None);

        var stored = await TestRedis.Connect().GetDatabase().KeyExistsAsync(new RedisInsightsKeys(prefix).Alert(raised.Alert.Id));
        RedisAlertStorageTests.DeleteKeys(prefix);
        Assert.Multiple(() =>
        {
            Assert.That(alerts, Is.InstanceOf<RedisAlertStore>());
            Assert.That(statistics, Is.InstanceOf<RedisInquiryStatistics>());
            Assert.That(stored, Is.True);
        });
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName);
        more?.Invoke(builder.Services);
        builder.AddInsights();
        return builder.Build();
    }

    private static AlertDraft Draft() =>
        new(AlertKind.Spike, "spike:nev", "nev", "industry", "新能源汽车负面咨询激增", "过去 2 小时 12 条。",
            new AlertEvidence(12, 3, 4.9, "poisson-z", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], [], []));
}
