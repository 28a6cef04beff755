namespace ResponseBot.Bot.State;

/// <summary>Deduplication for a single instance (<c>Storage:Provider=Sqlite</c>); marks live in this process.</summary>
/// <param name="timeProvider">The clock marks expire by.</param>
public sealed class InMemoryMessageDeduplicator(TimeProvider timeProvider) : IMessageDeduplicator
{
    private readonly ExpiringMemoryMap<string, bool> _seen = new(timeProvider);

    /// <inheritdoc />
    public Task<bool> TryMarkSeenAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_seen.TryAdd(key, true, timeToLive));
    }
}
