using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Knowledge;
using StackExchange.Redis;

namespace ResponseBot.Insights;

/// <summary>Registers the insights: where alerts and the detectors' statistics are stored.</summary>
public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the insights services. Storage follows <c>Storage:Provider</c> like the conversation records:
    /// <see cref="IAlertStore"/> and <see cref="IInquiryStatistics"/> in the knowledge base's SQLite file
    /// (<c>Knowledge:SqlitePath</c>), or on the shared <see cref="IConnectionMultiplexer"/> under
    /// <c>Storage:RedisKeyPrefix</c>. The stores are resolved on first use, so whoever registers the multiplexer
    /// (<c>AddBot()</c>) may do so before or after this call.
    /// </summary>
    public static IHostApplicationBuilder AddInsights(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        AddAlertStorage(services);
        services.AddAlertDelivery();
        return builder;
    }

    private static void AddAlertStorage(IServiceCollection services)
    {
        // Binding the section again where the conversation state binds it too is harmless: both bind the same values.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton<IAlertStore>(sp => ByProvider<IAlertStore>(
            sp,
            path => new SqliteAlertStore(path, sp.GetRequiredService<TimeProvider>()),
            (redis, prefix) => new RedisAlertStore(redis, prefix, sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<IInquiryStatistics>(sp => ByProvider<IInquiryStatistics>(
            sp, path => new SqliteInquiryStatistics(path), (redis, prefix) => new RedisInquiryStatistics(redis, prefix)));
    }

    /// <summary>The SQLite or the Redis implementation, whichever <c>Storage:Provider</c> names.</summary>
    private static T ByProvider<T>(
        IServiceProvider services, Func<string, T> sqlite, Func<IConnectionMultiplexer, string, T> redis)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return storage.Provider switch
        {
            StorageProvider.Redis => redis(services.GetRequiredService<IConnectionMultiplexer>(), storage.RedisKeyPrefix),
            // Relative to where the service is started, as the knowledge store resolves the same setting.
            StorageProvider.Sqlite => sqlite(Path.GetFullPath(services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SqlitePath)),
            _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' has no {typeof(T).Name}."),
        };
    }
}
