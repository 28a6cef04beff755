using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Storage;

/// <summary>
/// Makes a publish made elsewhere (the <c>responsebot kb publish</c> command, another process on the same store)
/// live in this process: it looks for a newer snapshot every <see cref="KnowledgeOptions.ReloadIntervalSeconds"/>
/// and swaps the index when it finds one. Searches go on against the old index while the new one is built.
/// </summary>
internal sealed partial class SnapshotWatcher(
    IKnowledgeStore store,
    KnowledgeBase knowledge,
    IOptions<KnowledgeOptions> options,
    TimeProvider clock,
    ILogger<SnapshotWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.ReloadIntervalSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LoadNewerAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A locked or briefly unreadable store must not stop the watching; the next tick tries again.
                LogCheckFailed(logger, ex);
            }
        }
    }

    /// <summary>Loads the latest snapshot when it is newer than the live one; true when it did.</summary>
    internal async Task<bool> LoadNewerAsync(CancellationToken cancellationToken)
    {
        var publishes = await store.ListPublishesAsync(cancellationToken);
        if (publishes.Count == 0 || publishes[0].Version <= knowledge.SnapshotVersion)
        {
            return false;
        }

        var snapshot = await store.GetPublishedAsync(cancellationToken);
        if (snapshot is null || snapshot.Version <= knowledge.SnapshotVersion)
        {
            return false;
        }

        knowledge.Load(snapshot);
        LogReloaded(logger, snapshot.Version, snapshot.Entries.Count);
        return true;
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Snapshot {SnapshotVersion} was published; now serving its {EntryCount} entries")]
    private static partial void LogReloaded(ILogger logger, int snapshotVersion, int entryCount);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not check the store for a new snapshot")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
