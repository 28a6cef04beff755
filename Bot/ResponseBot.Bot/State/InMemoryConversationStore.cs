namespace ResponseBot.Bot.State;

/// <summary>Conversation state for a single instance (<c>Storage:Provider=Sqlite</c>); it lives in this process.</summary>
/// <param name="timeProvider">The clock states expire by.</param>
public sealed class InMemoryConversationStore(TimeProvider timeProvider) : IConversationStore
{
    private readonly ExpiringMemoryMap<ConversationKey, ConversationState> _states = new(timeProvider);

    /// <inheritdoc />
    public Task<ConversationState?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_states.TryGet(key, out var state) ? state : null);
    }

    /// <inheritdoc />
    public Task SaveAsync(ConversationKey key, ConversationState state, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        _states.Set(key, state, timeToLive);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _states.Remove(key);
        return Task.CompletedTask;
    }
}
