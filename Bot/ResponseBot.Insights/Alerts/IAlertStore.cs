namespace ResponseBot.Insights.Alerts;

/// <summary>
/// Durable alerts and their feed. One situation (<see cref="AlertDraft.Key"/>) has at most one unresolved alert; every
/// change appends one <see cref="AlertChange"/> to the feed, which all instances sharing the store read (on Redis a
/// Redis Stream). Implementations: SQLite (embedded) and Redis, checked by one contract suite.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Raises an alert for the draft's situation, or updates the unresolved one that has its key (new evidence, title
    /// and summary; status kept; revision + 1). Atomic across instances: two instances raising the same key at once
    /// produce one alert. Returns the change appended to the feed.
    /// </summary>
    Task<AlertChange> RaiseOrUpdateAsync(AlertDraft draft, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The alert, or <see langword="null"/> when there is none with that id.</summary>
    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Alerts matching the query, most recently updated first.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a new alert acknowledged by <paramref name="by"/>. Returns <see langword="null"/> when the id is unknown.
    /// </summary>
    /// <exception cref="AlertStateException">The alert is already acknowledged or resolved.</exception>
    Task<AlertChange?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a new or acknowledged alert resolved by <paramref name="by"/>; its situation may then raise a new alert.
    /// Returns <see langword="null"/> when the id is unknown.
    /// </summary>
    /// <exception cref="AlertStateException">The alert is already resolved.</exception>
    Task<AlertChange?> ResolveAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Changes after <paramref name="after"/> (all from the oldest kept when <see langword="null"/>), oldest first, at
    /// most <paramref name="max"/>. The feed keeps at least the last 10,000 changes.
    /// </summary>
    Task<IReadOnlyList<AlertChange>> ReadFeedAsync(string? after, int max, CancellationToken cancellationToken);

    /// <summary>The cursor of the newest change, or <see langword="null"/> when the feed is empty; a live reader starts here.</summary>
    Task<string?> LatestCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery of one change to one destination (e.g. <c>wecom</c>): <see langword="true"/> exactly once
    /// per (destination, alert id, revision) across all instances, so a change is never sent twice.
    /// </summary>
    Task<bool> TryClaimDeliveryAsync(string destination, string alertId, int revision, CancellationToken cancellationToken);
}

/// <summary>An acknowledge or resolve that the alert's state does not allow (e.g. resolving twice).</summary>
public sealed class AlertStateException(string message) : InvalidOperationException(message);
