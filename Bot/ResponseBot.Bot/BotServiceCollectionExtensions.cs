using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponseBot.Bot.Answering;
using ResponseBot.Bot.Dialogue;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.State;
using ResponseBot.Bot.Turns;
using ResponseBot.Bot.Turns.Middleware;

namespace ResponseBot.Bot;

/// <summary>Registers the channel-agnostic bot core.</summary>
public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// Adds the conversation core: the <see cref="TurnPipeline"/> every channel hands its messages to, the
    /// dialogue behind it, conversation state and records by <c>Storage:Provider</c>, and the
    /// <see cref="KnowledgeResponder"/>. Needs the knowledge services of <c>AddKnowledge()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotOptions>()
            .BindConfiguration(BotOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KnowledgeResponder>();
        services.AddConversationState(builder.Configuration);
        services.AddConversationRecords();

        // The middleware runs in this order: drop repeats before anything else, refuse floods before they queue on
        // the user's lock, and record only turns that were really handled.
        services.AddSingleton<ITurnMiddleware, DeduplicationMiddleware>();
        services.AddSingleton<ITurnMiddleware, RateLimitMiddleware>();
        services.AddSingleton<ITurnMiddleware, UserLockMiddleware>();
        services.AddSingleton<ITurnMiddleware, RecordingMiddleware>();
        services.AddSingleton<IBot, DialogueBot>();
        services.AddSingleton<TurnPipeline>();
        return builder;
    }
}
