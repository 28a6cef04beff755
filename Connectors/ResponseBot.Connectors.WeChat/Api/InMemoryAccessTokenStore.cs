using ResponseBot.Bot.State;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>The access token for a single instance (<c>Storage:Provider=Sqlite</c>); it lives in this process.</summary>
/// <param name="timeProvider">The clock a token expires by.</param>
public sealed class InMemoryAccessTokenStore(TimeProvider timeProvider) : IAccessTokenStore
{
    private readonly ExpiringMemoryMap<string, AccessToken> _tokens = new(timeProvider);

    /// <inheritdoc />
    public Task<AccessToken?> GetAsync(string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.TryGet(appId, out var token) ? token : null);
    }

    /// <inheritdoc />
    public Task SaveAsync(string appId, AccessToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        var timeToLive = token.ExpiresAt - timeProvider.GetUtcNow();
        if (timeToLive > TimeSpan.Zero)
        {
            _tokens.Set(appId, token, timeToLive);
        }
        else
        {
            _tokens.Remove(appId); // a newer token, even an expired one, means the stored one is no good either
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task InvalidateAsync(string appId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens.RemoveIf(appId, token => token.Value == value);
        return Task.CompletedTask;
    }
}
