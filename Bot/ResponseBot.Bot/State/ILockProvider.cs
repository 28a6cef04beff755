namespace ResponseBot.Bot.State;

/// <summary>
/// Named mutual-exclusion locks: per user, so one user's messages are handled in order, and for work that one
/// instance at a time should do (refreshing a shared access token). On Redis they hold across instances.
/// </summary>
public interface ILockProvider
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lock on <paramref name="name"/>. Returns a handle that releases it
    /// when disposed, or <see langword="null"/> when the wait ran out. The lock lapses by itself after
    /// <paramref name="lease"/>, so a crashed holder cannot block others for ever.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken);
}
