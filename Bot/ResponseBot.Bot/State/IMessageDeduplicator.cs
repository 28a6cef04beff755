namespace ResponseBot.Bot.State;

/// <summary>
/// Remembers which deliveries were seen, so a channel's retries of one message are handled once, by whichever
/// instance sees it first.
/// </summary>
public interface IMessageDeduplicator
{
    /// <summary>
    /// Marks <paramref name="key"/> as seen for <paramref name="timeToLive"/>; <see langword="true"/> when this call
    /// was the first to do so (atomically, across instances).
    /// </summary>
    Task<bool> TryMarkSeenAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken);
}
