using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Storage;

/// <summary>The published knowledge base at one version: what every channel answers from.</summary>
public sealed record KnowledgeSnapshot(
    int Version, DateTimeOffset PublishedAt, string PublishedBy, string? Note, IReadOnlyList<KnowledgeEntry> Entries);

/// <summary>
/// Entries with their full history, and the published snapshots. Implementations: SQLite (embedded default);
/// a Redis one follows the same contract.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>The latest version of one entry, or null.</summary>
    Task<KnowledgeEntry?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The latest version of every entry, retired ones included, ordered by id.</summary>
    Task<IReadOnlyList<KnowledgeEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Every version of one entry, oldest first; empty when the id is unknown.</summary>
    Task<IReadOnlyList<KnowledgeEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves each entry as a new version (its Version, UpdatedBy and UpdatedAt are set by the store) in one
    /// transaction, and returns the saved versions. An entry identical in content to its latest version is left as
    /// it is. The caller validates first.
    /// </summary>
    Task<IReadOnlyList<KnowledgeEntry>> SaveAsync(
        IReadOnlyList<KnowledgeEntry> entries, string by, CancellationToken cancellationToken);

    /// <summary>
    /// Freezes the latest version of every entry whose status is Published into a new snapshot with the next
    /// version number, and returns it.
    /// </summary>
    Task<KnowledgeSnapshot> PublishAsync(string by, string? note, CancellationToken cancellationToken);

    /// <summary>The latest published snapshot, or null before the first publish.</summary>
    Task<KnowledgeSnapshot?> GetPublishedAsync(CancellationToken cancellationToken);

    /// <summary>Every publish, newest first, without its entries.</summary>
    Task<IReadOnlyList<KnowledgeSnapshot>> ListPublishesAsync(CancellationToken cancellationToken);
}
