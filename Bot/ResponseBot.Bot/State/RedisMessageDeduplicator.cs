using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ResponseBot.Bot.State;

/// <summary>
/// Deduplication shared by every instance: <c>SET {prefix}seen:{key} 1 EX ttl NX</c>, so exactly one instance wins
/// a delivery however many receive its retries.
/// </summary>
/// <param name="redis">The one shared multiplexer.</param>
/// <param name="options">Supplies <see cref="StorageOptions.RedisKeyPrefix"/>.</param>
public sealed class RedisMessageDeduplicator(IConnectionMultiplexer redis, IOptions<StorageOptions> options)
    : IMessageDeduplicator
{
    private readonly RedisKeys _keys = new(options.Value.RedisKeyPrefix);

    /// <inheritdoc />
    public Task<bool> TryMarkSeenAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        // Redis commands cannot be withdrawn once sent; a cancelled caller gives up before sending.
        cancellationToken.ThrowIfCancellationRequested();
        return redis.GetDatabase().StringSetAsync(_keys.Seen(key), 1, timeToLive, When.NotExists);
    }
}
