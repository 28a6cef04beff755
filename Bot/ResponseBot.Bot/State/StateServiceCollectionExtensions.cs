using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ResponseBot.Bot.State;

/// <summary>Registers the hot runtime state: deduplication marks, locks and conversation state.</summary>
public static class StateServiceCollectionExtensions
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c>.</summary>
    public const string RedisConnectionName = "Redis";

    private const string MissingConnectionString =
        "Storage:Provider is Redis but the connection string ConnectionStrings:Redis is not set " +
        "(e.g. ConnectionStrings__Redis=redis.internal:6379,password=…).";

    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (at start-up, including that <c>ConnectionStrings:Redis</c> is
    /// set when the provider is Redis) and registers <see cref="IMessageDeduplicator"/>, <see cref="ILockProvider"/>
    /// and <see cref="IConversationStore"/> for the configured provider: in memory for <c>Sqlite</c>, Redis for
    /// <c>Redis</c>, with one shared <see cref="IConnectionMultiplexer"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration; read again when the services are first resolved.</param>
    public static IServiceCollection AddConversationState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                storage => storage.Provider != StorageProvider.Redis ||
                    !string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName)),
                MissingConnectionString)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectionMultiplexer>(
            _ => ConnectRedis(configuration.GetConnectionString(RedisConnectionName)));

        services.AddForStorageProvider<IMessageDeduplicator, InMemoryMessageDeduplicator, RedisMessageDeduplicator>();
        services.AddForStorageProvider<ILockProvider, InMemoryLockProvider, RedisLockProvider>();
        services.AddForStorageProvider<IConversationStore, InMemoryConversationStore, RedisConversationStore>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TService"/> as a singleton of <typeparamref name="TInMemory"/> or
    /// <typeparamref name="TRedis"/>, whichever <see cref="StorageOptions.Provider"/> names when it is first resolved.
    /// For stores of other projects; needs <see cref="AddConversationState"/> for the options and the multiplexer.
    /// </summary>
    /// <typeparam name="TService">The store's interface.</typeparam>
    /// <typeparam name="TInMemory">The single-instance implementation.</typeparam>
    /// <typeparam name="TRedis">The Redis implementation.</typeparam>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddForStorageProvider<TService, TInMemory, TRedis>(this IServiceCollection services)
        where TService : class
        where TInMemory : class, TService
        where TRedis : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        // Chosen when resolved, not when registered: a test host's configuration is complete only by then.
        services.AddSingleton<TService>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Redis
                ? ActivatorUtilities.CreateInstance<TRedis>(provider)
                : ActivatorUtilities.CreateInstance<TInMemory>(provider));
        return services;
    }

    private static ConnectionMultiplexer ConnectRedis(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(MissingConnectionString);
        }

        var redis = ConfigurationOptions.Parse(connectionString);
        // Start while Redis is briefly away and reconnect in the background rather than crash-loop. Meanwhile a
        // command waits at most the command timeout (5 s by default) for a connection, then fails naming the
        // endpoint, so a wrong address shows as an error on the first message rather than a hang.
        redis.AbortOnConnectFail = false;
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            redis.ConnectTimeout = 3000;
        }

        return ConnectionMultiplexer.Connect(redis);
    }
}
