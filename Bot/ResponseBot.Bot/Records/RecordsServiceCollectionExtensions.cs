using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Knowledge;
using StackExchange.Redis;

namespace ResponseBot.Bot.Records;

/// <summary>Registers the durable conversation records.</summary>
public static class RecordsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IConversationRecords"/> for <c>Storage:Provider</c>: <see cref="SqliteConversationRecords"/> in
    /// the knowledge base's SQLite file (<c>Knowledge:SqlitePath</c>), or <see cref="RedisConversationRecords"/> on the
    /// shared <see cref="IConnectionMultiplexer"/> under <c>Storage:RedisKeyPrefix</c>. Both are resolved on first use,
    /// so whoever registers the multiplexer may do so before or after this call.
    /// </summary>
    public static IServiceCollection AddConversationRecords(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Binding the section again where the conversation state binds it too is harmless: both bind the same values.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationRecords>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            return storage.Provider switch
            {
                StorageProvider.Redis => new RedisConversationRecords(
                    sp.GetRequiredService<IConnectionMultiplexer>(), storage.RedisKeyPrefix, clock),
                // Relative to where the service is started, as the knowledge store resolves the same setting.
                StorageProvider.Sqlite => new SqliteConversationRecords(
                    Path.GetFullPath(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SqlitePath), clock),
                _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' has no conversation records."),
            };
        });
        return services;
    }
}
