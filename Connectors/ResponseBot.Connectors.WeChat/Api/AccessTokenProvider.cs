using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>
/// The one access token every instance shares. It lives in <see cref="IAccessTokenStore"/>; when it is missing or
/// close to expiry, one caller across all instances fetches a new one under the lock
/// <c>wechat-token:{appId}</c> while the others wait and then read what it stored. The token is never logged.
/// </summary>
public sealed class AccessTokenProvider(
    WeChatApiClient client,
    IAccessTokenStore store,
    ILockProvider locks,
    IOptions<WeChatOptions> options,
    TimeProvider timeProvider,
    ILogger<AccessTokenProvider> logger)
{
    /// <summary>
    /// A token this close to expiry is replaced. WeChat's stable token issues the next token in its last 5 minutes,
    /// and a call in flight must not carry a token that expires on the way.
    /// </summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long the refresh lock is held at most, should its holder die.</summary>
    public static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for another caller's refresh.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    private string AppId => options.Value.AppId;

    /// <summary>The shared access token, fetched first if it is missing or within <see cref="RefreshMargin"/> of expiry.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(AppId, cancellationToken);
        return IsFresh(stored) ? stored!.Value : await RefreshAsync(null, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="call"/> with the access token. When WeChat refuses the token (40001, 40014, 42001) it is
    /// dropped from the store, a fresh one is had, and the call runs once more; a second refusal is thrown.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var token = await GetAsync(cancellationToken);
        try
        {
            return await call(token, cancellationToken);
        }
        catch (WeChatApiException ex) when (ex.IsTokenRejected)
        {
            Log.AccessTokenRejected(logger, ex.Operation, ex.ErrorCode);
            // Compare-and-delete: a fresh token another instance stored meanwhile survives.
            await store.InvalidateAsync(AppId, token, cancellationToken);
            var fresh = await RefreshAsync(token, cancellationToken);
            return await call(fresh, cancellationToken);
        }
    }

    /// <summary><see cref="CallAsync{T}"/> for a call that returns nothing.</summary>
    public Task CallAsync(Func<string, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync(async (token, ct) =>
        {
            await call(token, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Fetches a token under the lock, unless another caller stored a usable one while this one waited.</summary>
    /// <param name="rejected">A token WeChat has just refused, which must not be handed out again.</param>
    /// <param name="cancellationToken">Cancels the wait and the fetch.</param>
    private async Task<string> RefreshAsync(string? rejected, CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync($"wechat-token:{AppId}", LockLease, LockWait, cancellationToken);
        var stored = await store.GetAsync(AppId, cancellationToken);
        if (held is null)
        {
            Log.AccessTokenLockTimedOut(logger, LockWait);
            // Better a token near its end than none: it is still valid until ExpiresAt.
            return stored is not null && stored.Value != rejected && stored.ExpiresAt > timeProvider.GetUtcNow()
                ? stored.Value
                : throw new WeChatApiException(
                    "stable_token", null, true, $"no access token: another caller held the refresh lock for over {LockWait.TotalSeconds:0} s");
        }

        if (IsFresh(stored) && stored!.Value != rejected)
        {
            return stored.Value;
        }

        var token = await client.GetStableTokenAsync(false, cancellationToken);
        if (rejected is not null && token.Value == rejected)
        {
            // WeChat still hands out the token it refused (it was revoked early, e.g. by a /token call elsewhere):
            // only a forced refresh replaces it. Forced refreshes are limited to 20 a day, hence this order.
            token = await client.GetStableTokenAsync(true, cancellationToken);
        }

        await store.SaveAsync(AppId, token, cancellationToken);
        return token.Value;
    }

    private bool IsFresh(AccessToken? token) =>
        token is not null && token.ExpiresAt - timeProvider.GetUtcNow() > RefreshMargin;
}
