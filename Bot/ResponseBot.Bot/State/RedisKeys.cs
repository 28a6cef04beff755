using StackExchange.Redis;

namespace ResponseBot.Bot.State;

/// <summary>
/// Every Redis key shape of the state stores, in one place, each starting with <see cref="StorageOptions.RedisKeyPrefix"/>
/// so that deployments sharing a Redis never see each other's keys.
/// </summary>
/// <param name="prefix">The prefix, e.g. <c>rb:</c>.</param>
internal sealed class RedisKeys(string prefix)
{
    /// <summary><c>{prefix}seen:{key}</c>: a delivery was seen (<see cref="RedisMessageDeduplicator"/>).</summary>
    public RedisKey Seen(string key) => $"{prefix}seen:{key}";

    /// <summary><c>{prefix}lock:{name}</c>: the holder's token (<see cref="RedisLockProvider"/>).</summary>
    public RedisKey Lock(string name) => $"{prefix}lock:{name}";

    /// <summary><c>{prefix}conv:{channel}:{userId}</c>: one user's state as JSON (<see cref="RedisConversationStore"/>).</summary>
    public RedisKey Conversation(ConversationKey key) => $"{prefix}conv:{key.Channel}:{key.UserId}";
}
