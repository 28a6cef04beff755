using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponseBot.Bot.Answering;

namespace ResponseBot.Bot;

/// <summary>Registers the channel-agnostic bot core.</summary>
public static class BotServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="KnowledgeResponder"/>; needs the knowledge services of <c>AddKnowledge()</c>.</summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<KnowledgeResponder>();
        return builder;
    }
}
