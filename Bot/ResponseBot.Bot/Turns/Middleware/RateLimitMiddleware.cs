using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.State;

namespace ResponseBot.Bot.Turns.Middleware;

/// <summary>
/// Asks a user who sends more than <see cref="BotOptions.MessagesPerMinute"/> in a minute to slow down, so one
/// script cannot flood the knowledge base or the work-order queue. Counted per instance: behind a load balancer
/// that spreads one user over N instances the effective limit is at most N times higher, which still stops floods.
/// </summary>
internal sealed class RateLimitMiddleware(
    TimeProvider time, IOptions<BotOptions> options, ILogger<RateLimitMiddleware> logger) : ITurnMiddleware
{
    internal const string SlowDownText = "您发送得太快了，请稍等一分钟再问。";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<ConversationKey, Counter> _counters = new();
    private long _nextSweepTicks;

    public Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SweepNowAndThen(now);
        var counter = _counters.GetOrAdd(turn.Conversation, _ => new Counter());
        if (!counter.TryTake(now, options.Value.MessagesPerMinute))
        {
            Log.RateLimited(logger, turn.Message.Channel, new Pseudonym(turn.Message.UserId));
            return Task.FromResult(new BotReply(ReplyKind.RateLimited, SlowDownText));
        }

        return next(turn, cancellationToken);
    }

    // Forget users idle for a whole window, at most once a window, so the table holds only recent senders.
    private void SweepNowAndThen(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + Window).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (counter.IsIdle(now))
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    // A fixed one-minute window per user.
    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _windowStart;
        private int _count;

        public bool TryTake(DateTimeOffset now, int limit)
        {
            lock (_gate)
            {
                if (now - _windowStart >= Window)
                {
                    _windowStart = now;
                    _count = 0;
                }

                return ++_count <= limit;
            }
        }

        public bool IsIdle(DateTimeOffset now)
        {
            lock (_gate)
            {
                return now - _windowStart >= Window;
            }
        }
    }
}
