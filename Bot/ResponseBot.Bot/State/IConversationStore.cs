namespace ResponseBot.Bot.State;

/// <summary>Keeps each user's <see cref="ConversationState"/> for a limited time; shared by every instance on Redis.</summary>
public interface IConversationStore
{
    /// <summary>The state, or <see langword="null"/> when there is none or it has expired.</summary>
    Task<ConversationState?> GetAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Writes the state; it expires <paramref name="timeToLive"/> after this write.</summary>
    Task SaveAsync(ConversationKey key, ConversationState state, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Forgets the state; nothing happens when there is none.</summary>
    Task DeleteAsync(ConversationKey key, CancellationToken cancellationToken);
}
