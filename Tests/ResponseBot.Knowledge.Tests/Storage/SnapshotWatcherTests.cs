using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Storage;
using ResponseBot.Knowledge.Tests.Entries;

namespace ResponseBot.Knowledge.Tests.Storage;

public sealed class SnapshotWatcherTests
{
    private static readonly RetrievalEngine Engine = RetrievalEngine.Load(AppContext.BaseDirectory, new KnowledgeOptions());

    private TempFile _file = null!;
    private SqliteKnowledgeStore _store = null!;
    private KnowledgeBase _knowledge = null!;
    private SnapshotWatcher _watcher = null!;

    [SetUp]
    public void SetUp()
    {
        _file = new TempFile(".db");
        var clock = new ManualClock(TestEntries.Now);
        _store = new SqliteKnowledgeStore(_file.Path, clock);
        _knowledge = new KnowledgeBase(Engine);
        _watcher = new SnapshotWatcher(
            _store, _knowledge, Options.Create(new KnowledgeOptions()), clock, NullLogger<SnapshotWatcher>.Instance);
    }

    [TearDown]
    public void TearDown()
    {
        _watcher.Dispose();
        _store.Dispose();
        _file.Dispose();
    }

    [Test]
    public async Task LoadNewerAsync_NothingPublished_LeavesTheEmptyBase()
    {
        Assert.That(await _watcher.LoadNewerAsync(CancellationToken.None), Is.False);
        Assert.That(_knowledge.SnapshotVersion, Is.Zero);
    }

    [Test]
    public async Task LoadNewerAsync_PublishedElsewhere_SwapsToEachNewSnapshotOnce()
    {
        await _store.SaveAsync([TestEntries.Minimal("a")], "editor", CancellationToken.None);
        await _store.PublishAsync("editor", null, CancellationToken.None);

        Assert.That(await _watcher.LoadNewerAsync(CancellationToken.None), Is.True);
        Assert.That(await _watcher.LoadNewerAsync(CancellationToken.None), Is.False);
        Assert.That(_knowledge.Current.Find("a"), Is.Not.Null);

        await _store.SaveAsync([TestEntries.Minimal("b")], "editor", CancellationToken.None);
        await _store.PublishAsync("editor", null, CancellationToken.None);

        Assert.That(await _watcher.LoadNewerAsync(CancellationToken.None), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(_knowledge.SnapshotVersion, Is.EqualTo(2));
            Assert.That(_knowledge.Current.Find("b"), Is.Not.Null);
        });
    }
}
