using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.State;

namespace ResponseBot.Bot.Turns.Middleware;

/// <summary>
/// Channels re-deliver a message when we are slow (WeChat: after 5 s, three times): handle each delivery once, on
/// whichever instance sees it first, and answer the repeats with nothing.
/// </summary>
internal sealed class DeduplicationMiddleware(
    IMessageDeduplicator deduplicator, IOptions<BotOptions> options, ILogger<DeduplicationMiddleware> logger) : ITurnMiddleware
{
    public async Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.DeduplicationSeconds);
        if (!await deduplicator.TryMarkSeenAsync(turn.DeliveryKey, ttl, cancellationToken).ConfigureAwait(false))
        {
            Log.Duplicate(logger, turn.Message.Channel, new Pseudonym(turn.Message.UserId));
            return BotReply.Silent;
        }

        return await next(turn, cancellationToken).ConfigureAwait(false);
    }
}
