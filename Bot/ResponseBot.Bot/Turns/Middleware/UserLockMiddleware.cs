using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.State;

namespace ResponseBot.Bot.Turns.Middleware;

/// <summary>
/// Handles one user's messages one at a time, in the order they arrive, across instances: "2" must be read against
/// the choices of the message before it, not race it.
/// </summary>
internal sealed class UserLockMiddleware(
    ILockProvider locks, IOptions<BotOptions> options, ILogger<UserLockMiddleware> logger) : ITurnMiddleware
{
    // Longer than any turn; only a crashed instance's lock ever runs it out.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public async Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
    {
        var wait = options.Value.UserLockWaitSeconds;
        var name = $"user:{turn.Message.Channel}:{turn.Message.UserId}";
        var handle = await locks.TryAcquireAsync(name, Lease, TimeSpan.FromSeconds(wait), cancellationToken).ConfigureAwait(false);
        if (handle is null)
        {
            // Answering out of order is better than not answering at all.
            Log.LockTimeout(logger, turn.Message.Channel, new Pseudonym(turn.Message.UserId), wait);
            return await next(turn, cancellationToken).ConfigureAwait(false);
        }

        await using (handle.ConfigureAwait(false))
        {
            return await next(turn, cancellationToken).ConfigureAwait(false);
        }
    }
}
