using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ResponseBot.Bot.State;

/// <summary>
/// Conversation state shared by every instance: JSON at <c>{prefix}conv:{channel}:{userId}</c>, written with
/// <c>SET … EX ttl</c>, so whichever instance gets a user's next message reads where the last one left off.
/// </summary>
/// <param name="redis">The one shared multiplexer.</param>
/// <param name="options">Supplies <see cref="StorageOptions.RedisKeyPrefix"/>.</param>
public sealed class RedisConversationStore(IConnectionMultiplexer redis, IOptions<StorageOptions> options)
    : IConversationStore
{
    private readonly RedisKeys _keys = new(options.Value.RedisKeyPrefix);

    /// <inheritdoc />
    public async Task<ConversationState?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = await redis.GetDatabase().StringGetAsync(_keys.Conversation(key));
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, StateJsonContext.Stored.ConversationState);
    }

    /// <inheritdoc />
    public Task SaveAsync(ConversationKey key, ConversationState state, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.Serialize(state, StateJsonContext.Stored.ConversationState);
        return redis.GetDatabase().StringSetAsync(_keys.Conversation(key), json, timeToLive);
    }

    /// <inheritdoc />
    public Task DeleteAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return redis.GetDatabase().KeyDeleteAsync(_keys.Conversation(key));
    }
}
