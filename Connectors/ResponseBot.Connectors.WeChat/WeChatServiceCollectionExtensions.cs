using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Connectors.WeChat;

/// <summary>Registers the WeChat connector's services.</summary>
public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="WeChatOptions"/> at start-up (when enabled: <c>WeChat__Token</c>; the
    /// EncodingAESKey and AppID unless in plain mode; the menu), and registers the <see cref="WeChatApiClient"/>, the
    /// shared <see cref="AccessTokenProvider"/> with its <see cref="IAccessTokenStore"/> (in memory or Redis, by
    /// <c>Storage:Provider</c>), the <see cref="CustomerServiceSender"/> as itself and as a hosted service, and the
    /// <see cref="WeChatMenu"/> for CLICK events (<see cref="WeChatMenu.None"/> when none is configured).
    /// Needs <see cref="ILockProvider"/> and, for Redis, the multiplexer: <c>AddConversationState</c> registers them.
    /// Without <c>WeChat__AppSecret</c> the sender drops what it is given and says so once at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddWeChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WeChatOptions>()
            .Bind(builder.Configuration.GetSection(WeChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>());
        services.AddOptions<CustomerServiceOptions>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<WeChatApiClient>((provider, client) =>
                WeChatApiClient.Configure(client, provider.GetRequiredService<IOptions<WeChatOptions>>().Value))
            // The factory's logging writes request URIs, and WeChat wants the access token in the query string.
            .RemoveAllLoggers()
            // Singletons hold this client for the life of the process: connections are renewed instead of the
            // handler, so DNS changes are still seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddForStorageProvider<IAccessTokenStore, InMemoryAccessTokenStore, RedisAccessTokenStore>();
        services.TryAddSingleton<AccessTokenProvider>();
        services.TryAddSingleton<CustomerServiceSender>();
        services.AddHostedService(provider => provider.GetRequiredService<CustomerServiceSender>());
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<WeChatOptions>>().Value.Menu switch
        {
            { Count: 0 } => WeChatMenu.None,
            var buttons => WeChatMenu.Create(buttons),
        });
        return builder;
    }
}
