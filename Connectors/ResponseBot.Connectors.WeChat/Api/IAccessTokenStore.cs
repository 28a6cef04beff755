namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>An access token and the moment WeChat stops accepting it.</summary>
/// <param name="Value">The token; a secret: never logged.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Hides the token from logs and debugger displays.</summary>
    public override string ToString() => $"AccessToken(expires {ExpiresAt:O})";
}

/// <summary>
/// Holds the one access token every instance uses, so that instances do not fetch tokens of their own (each fetch
/// of <c>/token</c> invalidates the previous token, and the daily quota is small).
/// </summary>
public interface IAccessTokenStore
{
    /// <summary>The stored token of <paramref name="appId"/>, or <see langword="null"/> when none is stored or it has expired.</summary>
    Task<AccessToken?> GetAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Stores the token; it is dropped by itself when it expires.</summary>
    Task SaveAsync(string appId, AccessToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the stored token, but only if it is still <paramref name="value"/>: another instance may already have
    /// stored a fresh one, which must survive.
    /// </summary>
    Task InvalidateAsync(string appId, string value, CancellationToken cancellationToken);
}
