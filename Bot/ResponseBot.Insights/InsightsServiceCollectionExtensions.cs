using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Insights.Alerts.Detection;
using ResponseBot.Insights.Analysis;
using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Knowledge;
using ResponseBot.Knowledge.Retrieval;
using StackExchange.Redis;

namespace ResponseBot.Insights;

/// <summary>
/// Registers the insights: the models that read every inquiry, the analysis step of the turn pipeline, the alert
/// detectors they feed, where alerts and the detectors' statistics are stored, and the alerts' delivery.
/// </summary>
public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the insights services; call after <c>AddKnowledge()</c> (the text analysis, the taxonomy) and
    /// <c>AddBot()</c> (the analysis step runs innermost in its turn pipeline). Storage follows <c>Storage:Provider</c> like the conversation records:
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

        AddAnalysis(services);
        AddAlertStorage(services);
        AddAlertDetection(services);
        services.AddAlertDelivery();
        return builder;
    }

    private static void AddAnalysis(IServiceCollection services)
    {
        // The models beside the program, on the knowledge engine's text analysis. Loaded at start-up by
        // InsightModelsCheck, so a missing or corrupt model stops the service with the file's name, not the first user.
        services.TryAddSingleton<IInquiryClassifier>(sp => InquiryClassifier.Load(
            InquiryClassifier.DefaultModelsDirectory, sp.GetRequiredService<RetrievalEngine>().Analyzer));
        services.AddHostedService<InsightModelsCheck>();

        // Innermost middleware: AddBot() has registered deduplication, rate limit, the user's lock and recording before.
        services.AddSingleton<ITurnMiddleware, InquiryAnalysisMiddleware>();
        services.TryAddSingleton<InquirySignalBuffer>();
        services.AddHostedService<InquirySignalPump>();
    }

    private static void AddAlertDetection(IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>()
            .BindConfiguration(AlertsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<AlertMonitor>();
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
