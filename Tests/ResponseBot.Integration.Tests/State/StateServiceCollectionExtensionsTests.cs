using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.State;

public sealed class StateServiceCollectionExtensionsTests
{
    [Test]
    public void AddConversationState_DefaultProvider_RegistersTheInMemoryStores()
    {
        using var services = Services([]);

        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<IMessageDeduplicator>(), Is.InstanceOf<InMemoryMessageDeduplicator>());
            Assert.That(services.GetRequiredService<ILockProvider>(), Is.InstanceOf<InMemoryLockProvider>());
            Assert.That(services.GetRequiredService<IConversationStore>(), Is.InstanceOf<InMemoryConversationStore>());
        });
    }

    [Test, Category("Integration")]
    public void AddConversationState_RedisProvider_RegistersTheRedisStoresOnOneMultiplexer()
    {
        using var services = Services(new()
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:RedisKeyPrefix"] = TestRedis.NewPrefix(),
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        });

        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<IMessageDeduplicator>(), Is.InstanceOf<RedisMessageDeduplicator>());
            Assert.That(services.GetRequiredService<ILockProvider>(), Is.InstanceOf<RedisLockProvider>());
            Assert.That(services.GetRequiredService<IConversationStore>(), Is.InstanceOf<RedisConversationStore>());
            Assert.That(services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().IsConnected, Is.True);
        });
    }

    [TestCase("Storage:Provider", "Redis", "ConnectionStrings:Redis")]
    [TestCase("Storage:RedisKeyPrefix", "rb prod:", nameof(StorageOptions.RedisKeyPrefix))]
    public async Task AddConversationState_InvalidSetting_FailsAtStartNamingIt(string setting, string value, string named)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value });
        builder.Services.AddConversationState(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure?.Message, Does.Contain(named));
    }

    // A wrong address must end in an error that names it, not a hang (commands wait up to the 5 s default timeout).
    [Test]
    public async Task AddConversationState_UnreachableRedis_FailsNamingTheEndpoint()
    {
        using var services = Services(new()
        {
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
        });
        var deduplicator = services.GetRequiredService<IMessageDeduplicator>();

        var failure = await Assert.CatchAsync<StackExchange.Redis.RedisException>(
            () => deduplicator.TryMarkSeenAsync("wechat:1", TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.That(failure?.Message, Does.Contain("127.0.0.1:1"));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddConversationState(configuration).BuildServiceProvider();
    }
}
