using System.Globalization;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using StackExchange.Redis;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>
/// The access token shared by every instance: <c>{prefix}wechat:token:{appId}</c> holds <c>value|expiresUnixMs</c>
/// and expires with the token.
/// </summary>
/// <param name="redis">The one shared multiplexer.</param>
/// <param name="options">Supplies <see cref="StorageOptions.RedisKeyPrefix"/>.</param>
/// <param name="timeProvider">The clock the time to live is counted from.</param>
public sealed class RedisAccessTokenStore(
    IConnectionMultiplexer redis, IOptions<StorageOptions> options, TimeProvider timeProvider) : IAccessTokenStore
{
    // Deletes only while the stored value is exactly ARGV[1] followed by "|" and the expiry's digits: another instance
    // may have stored a fresh token since this one failed, and that one must survive.
    private const string InvalidateScript = """
        local stored = redis.call('GET', KEYS[1])
        if stored and string.sub(stored, 1, #ARGV[1] + 1) == ARGV[1] .. '|'
            and string.find(stored, '^%-?%d+$', #ARGV[1] + 2) then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private readonly string _prefix = options.Value.RedisKeyPrefix;

    /// <inheritdoc />
    public async Task<AccessToken?> GetAsync(string appId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = (string?)await redis.GetDatabase().StringGetAsync(Key(appId));
        var separator = stored?.LastIndexOf('|') ?? -1;
        if (separator < 0 ||
            !long.TryParse(stored.AsSpan(separator + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expiresMs))
        {
            return null;
        }

        var token = new AccessToken(stored![..separator], DateTimeOffset.FromUnixTimeMilliseconds(expiresMs));
        // Redis expires it too, but by its own clock; never hand out a token our clock says is dead.
        return token.ExpiresAt > timeProvider.GetUtcNow() ? token : null;
    }

    /// <inheritdoc />
    public Task SaveAsync(string appId, AccessToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        var database = redis.GetDatabase();
        var timeToLive = token.ExpiresAt - timeProvider.GetUtcNow();
        if (timeToLive <= TimeSpan.Zero)
        {
            return database.KeyDeleteAsync(Key(appId)); // a newer token, even an expired one, outdates the stored one
        }

        var stored = string.Create(CultureInfo.InvariantCulture, $"{token.Value}|{token.ExpiresAt.ToUnixTimeMilliseconds()}");
        return database.StringSetAsync(Key(appId), stored, timeToLive);
    }

    /// <inheritdoc />
    public Task InvalidateAsync(string appId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        return redis.GetDatabase().ScriptEvaluateAsync(InvalidateScript, [Key(appId)], [value]);
    }

    // The one key shape of this store.
    private RedisKey Key(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        return $"{_prefix}wechat:token:{appId}";
    }
}
