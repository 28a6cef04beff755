using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ResponseBot.Bot.State;

/// <summary>
/// Locks shared by every instance: <c>SET {prefix}lock:{name} token PX lease NX</c>, released by a script that
/// deletes the key only while it still holds this holder's token, so a holder whose lease lapsed never frees the lock
/// of whoever took it next. A waiter polls, a few milliseconds at first and at most every 50 ms.
/// </summary>
/// <param name="redis">The one shared multiplexer.</param>
/// <param name="options">Supplies <see cref="StorageOptions.RedisKeyPrefix"/>.</param>
/// <param name="timeProvider">Times the wait and the pauses between polls.</param>
public sealed class RedisLockProvider(
    IConnectionMultiplexer redis, IOptions<StorageOptions> options, TimeProvider timeProvider) : ILockProvider
{
    // Compare-and-delete in one step: between a GET and a DEL from here, the lease could lapse and another take it.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(4);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(50);

    private readonly RedisKeys _keys = new(options.Value.RedisKeyPrefix);

    /// <inheritdoc />
    /// <remarks>A zero or negative <paramref name="wait"/> tries once.</remarks>
    public async Task<IAsyncDisposable?> TryAcquireAsync(
        string name, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromMilliseconds(1));

        var database = redis.GetDatabase();
        var key = _keys.Lock(name);
        var token = Guid.NewGuid().ToString("N");
        var started = timeProvider.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await database.StringSetAsync(key, token, lease, When.NotExists))
            {
                return new Handle(database, key, token);
            }

            var remaining = wait - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(pause < remaining ? pause : remaining, timeProvider, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private sealed class Handle(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]);
            }
        }
    }
}
