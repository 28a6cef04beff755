using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>Registers the alert feed and the WeCom group robot.</summary>
public static class AlertDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AlertDeliveryOptions"/> (section <c>Alerts</c>, validated at start-up), the
    /// <see cref="AlertFeed"/> as itself and as a hosted service, the <see cref="WeComRobotClient"/> and the
    /// <see cref="WeComNotifier"/> as itself and as a hosted service (idle without a webhook). Needs
    /// <see cref="IAlertStore"/> and the taxonomy.
    /// </summary>
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AlertDeliveryOptions>()
            .BindConfiguration(AlertDeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<AlertFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertFeed>());

        services.AddHttpClient<WeComRobotClient>()
            // The factory's logging writes request URIs, and the robot's address holds its key.
            .RemoveAllLoggers()
            // A singleton holds this client for the life of the process: renew connections instead of the handler.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<WeComNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<WeComNotifier>());
        return services;
    }
}
