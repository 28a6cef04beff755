using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Transfer;

namespace ResponseBot.Knowledge.Storage;

/// <summary>
/// Runs before the host serves requests: a fresh store gets the demo knowledge base (imported and published once,
/// never again), then the latest published snapshot becomes the live index.
/// </summary>
internal sealed partial class KnowledgeStartup(
    IKnowledgeStore store,
    EntryImporter importer,
    KnowledgeBase knowledge,
    IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeStartup> logger) : IHostedService
{
    /// <summary>Who the store records as the author of the seeded entries and their publish.</summary>
    public const string SeedAuthor = "seed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var existing = await store.ListAsync(cancellationToken);
        var seedFile = options.Value.SeedFile;
        if (existing.Count == 0 && !string.IsNullOrWhiteSpace(seedFile))
        {
            await SeedAsync(Path.Combine(AppContext.BaseDirectory, seedFile), cancellationToken);
        }

        var snapshot = await store.GetPublishedAsync(cancellationToken);
        if (snapshot is null)
        {
            LogNothingPublished(logger);
            return;
        }

        knowledge.Load(snapshot);
        LogSnapshotLoaded(logger, snapshot.Version, snapshot.Entries.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(string path, CancellationToken cancellationToken)
    {
        // A configured seed that cannot be read is a deployment mistake: stop now rather than serve an empty base.
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Knowledge:SeedFile points at {path}, which does not exist. Fix the path or set it empty to start blank.");
        }

        LogSeeding(logger, path);
        var report = await importer.ImportAsync(path, SeedAuthor, skipInvalid: false, progress: null, cancellationToken);
        if (!report.Applied)
        {
            var problems = string.Join(Environment.NewLine, report.Problems.Take(10));
            throw new InvalidOperationException(
                $"The seed file {path} was not imported: {report.Problems.Count} problem(s).{Environment.NewLine}{problems}");
        }

        var snapshot = await store.PublishAsync(SeedAuthor, "demo knowledge base", cancellationToken);
        LogSeeded(logger, report.Imported, snapshot.Version);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "The store is empty; seeding it from {Path}")]
    private static partial void LogSeeding(ILogger logger, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Seeded {Imported} entries and published snapshot {SnapshotVersion}")]
    private static partial void LogSeeded(ILogger logger, int imported, int snapshotVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Serving snapshot {SnapshotVersion} with {EntryCount} entries")]
    private static partial void LogSnapshotLoaded(ILogger logger, int snapshotVersion, int entryCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Nothing is published yet: every question falls back until the first publish")]
    private static partial void LogNothingPublished(ILogger logger);
}
