using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Bot.Records;
using ResponseBot.Integration.Tests.Redis;
using ResponseBot.Knowledge;

namespace ResponseBot.Integration.Tests.Records;

/// <summary><c>AddConversationRecords</c> picks the store that <c>Storage:Provider</c> names.</summary>
[Category("Integration")]
public sealed class RecordsRegistrationTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("responsebot-records-di-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task AddConversationRecords_SqliteProvider_StoresInTheKnowledgeBaseFile()
    {
        var path = Path.Combine(_folder, "kb.db");
        await using var provider = Build(new()
        {
            ["Storage:Provider"] = "Sqlite",
            ["Knowledge:SqlitePath"] = path,
        });

        var records = provider.GetRequiredService<IConversationRecords>();
        var order = await records.CreateWorkOrderAsync(Order(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(records, Is.InstanceOf<SqliteConversationRecords>());
            Assert.That(provider.GetRequiredService<IConversationRecords>(), Is.SameAs(records), "one store per service");
            Assert.That(File.Exists(path), Is.True);
            Assert.That(order.Id, Does.StartWith("WO-"));
        });
    }

    [Test]
    public async Task AddConversationRecords_RedisProvider_StoresUnderTheConfiguredPrefix()
    {
        var prefix = TestRedis.NewPrefix();
        await using var provider = Build(
            new() { ["Storage:Provider"] = "Redis", ["Storage:RedisKeyPrefix"] = prefix },
            services => services.AddSingleton(TestRedis.Connect()));

        var records = provider.GetRequiredService<IConversationRecords>();
        var order = await records.CreateWorkOrderAsync(Order(), CancellationToken.None);

        var database = TestRedis.Connect().GetDatabase();
        var stored = await database.KeyExistsAsync(new RedisRecordKeys(prefix).WorkOrder(order.Id));
        await database.KeyDeleteAsync(
            [.. TestRedis.Connect().GetServers().SelectMany(s => s.Keys(database.Database, $"{prefix}*"))]);
        Assert.Multiple(() =>
        {
            Assert.That(records, Is.InstanceOf<RedisConversationRecords>());
            Assert.That(stored, Is.True);
        });
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName);
        more?.Invoke(services);
        services.AddConversationRecords();
        return services.BuildServiceProvider();
    }

    private static WorkOrder Order() =>
        new(string.Empty, "wechat", "user-a", "sme", HandoffReason.Requested, "专精特新怎么申报？", [], ["13812345678"],
            WorkOrderStatus.Open, DateTimeOffset.UnixEpoch);
}
