using Microsoft.Data.Sqlite;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Storage;
using ResponseBot.Knowledge.Tests.Entries;

namespace ResponseBot.Knowledge.Tests.Storage;

public sealed class SqliteKnowledgeStoreTests
{
    private TempFile _file = null!;
    private ManualClock _clock = null!;
    private SqliteKnowledgeStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _file = new TempFile(".db");
        _clock = new ManualClock(TestEntries.Now);
        _store = new SqliteKnowledgeStore(_file.Path, _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task SaveAsync_NewEntry_IsVersionOneStampedByTheStore()
    {
        var saved = await _store.SaveAsync([TestEntries.Minimal("a") with { Version = 9, UpdatedBy = "file" }], "alice", None);

        Assert.That(saved[0].Version, Is.EqualTo(1));
        Assert.That(saved[0].UpdatedBy, Is.EqualTo("alice"));
        Assert.That(saved[0].UpdatedAt, Is.EqualTo(TestEntries.Now));
        Assert.That(EntryComparer.Differences(saved[0], (await _store.GetAsync("a", None))!), Is.Empty);
    }

    [Test]
    public async Task SaveAsync_ChangedEntry_GrowsHistoryWithNumberedVersions()
    {
        var entry = TestEntries.Minimal("a");
        await _store.SaveAsync([entry], "alice", None);
        _clock.Advance(TimeSpan.FromHours(1));
        await _store.SaveAsync([entry with { Answer = "第二版答案" }], "bob", None);
        _clock.Advance(TimeSpan.FromHours(1));
        await _store.SaveAsync([entry with { Answer = "第三版答案", Status = EntryStatus.Retired }], "carol", None);

        var history = await _store.GetHistoryAsync("a", None);
        Assert.That(history.Select(e => e.Version), Is.EqualTo(new List<int> { 1, 2, 3 }));
        Assert.That(history.Select(e => e.UpdatedBy), Is.EqualTo(new List<string> { "alice", "bob", "carol" }));
        Assert.That(history.Select(e => e.Answer), Is.EqualTo(new[] { entry.Answer, "第二版答案", "第三版答案" }));
        Assert.That(history[2].UpdatedAt, Is.EqualTo(TestEntries.Now.AddHours(2)));
        Assert.That((await _store.GetAsync("a", None))!.Version, Is.EqualTo(3));
    }

    [Test]
    public async Task SaveAsync_UnchangedContent_IsNotANewVersion()
    {
        var first = (await _store.SaveAsync([TestEntries.Minimal("a")], "alice", None))[0];
        _clock.Advance(TimeSpan.FromDays(1));
        // Only the bookkeeping differs: what an export-then-import of an untouched file looks like.
        var again = await _store.SaveAsync([first with { Version = 7, UpdatedBy = "bob", UpdatedAt = null }], "bob", None);

        Assert.That(again[0].Version, Is.EqualTo(1));
        Assert.That(again[0].UpdatedBy, Is.EqualTo("alice"));
        Assert.That(await _store.GetHistoryAsync("a", None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SaveAsync_FailingEntry_RollsBackTheWholeBatch()
    {
        var broken = TestEntries.Minimal("b") with { Id = null! };
        Assert.That(
            async () => await _store.SaveAsync([TestEntries.Minimal("a"), broken], "alice", None),
            Throws.InstanceOf<SqliteException>());
        Assert.That(await _store.ListAsync(None), Is.Empty);
    }

    [Test]
    public async Task GetAsync_UnknownId_ReturnsNullAndEmptyHistory()
    {
        Assert.That(await _store.GetAsync("nope", None), Is.Null);
        Assert.That(await _store.GetHistoryAsync("nope", None), Is.Empty);
    }

    [Test]
    public async Task ListAsync_ReturnsLatestVersionOfEveryEntryByIdRetiredIncluded()
    {
        await _store.SaveAsync([TestEntries.Minimal("b"), TestEntries.Minimal("a")], "alice", None);
        await _store.SaveAsync([TestEntries.Minimal("b") with { Status = EntryStatus.Retired }], "alice", None);

        var list = await _store.ListAsync(None);
        Assert.That(list.Select(e => (e.Id, e.Version, e.Status)), Is.EqualTo(new[]
        {
            ("a", 1, EntryStatus.Published),
            ("b", 2, EntryStatus.Retired),
        }));
    }

    [Test]
    public async Task GetPublishedAsync_BeforeFirstPublish_ReturnsNull()
    {
        await _store.SaveAsync([TestEntries.Minimal("a")], "alice", None);
        Assert.That(await _store.GetPublishedAsync(None), Is.Null);
        Assert.That(await _store.ListPublishesAsync(None), Is.Empty);
    }

    [Test]
    public async Task PublishAsync_TakesOnlyPublishedEntriesInForceToday()
    {
        await _store.SaveAsync(
        [
            TestEntries.Minimal("live"),
            TestEntries.Minimal("draft") with { Status = EntryStatus.Draft },
            TestEntries.Minimal("retired") with { Status = EntryStatus.Retired },
            TestEntries.Minimal("future") with { EffectiveFrom = TestEntries.Today.AddDays(1) },
            TestEntries.Minimal("expired") with { ExpiresOn = TestEntries.Today.AddDays(-1) },
            TestEntries.Minimal("last-day") with { ExpiresOn = TestEntries.Today },
        ], "alice", None);

        var snapshot = await _store.PublishAsync("alice", "first", None);

        Assert.That(snapshot.Version, Is.EqualTo(1));
        Assert.That(snapshot.Entries.Select(e => e.Id), Is.EqualTo(new List<string> { "last-day", "live" }));
        Assert.That((snapshot.PublishedBy, snapshot.Note, snapshot.PublishedAt), Is.EqualTo(("alice", "first", TestEntries.Now)));
    }

    [Test]
    public async Task PublishAsync_LaterEditDoesNotChangeThePublishedSnapshotUntilTheNextPublish()
    {
        await _store.SaveAsync([TestEntries.Minimal("a"), TestEntries.Minimal("b")], "alice", None);
        await _store.PublishAsync("alice", null, None);

        await _store.SaveAsync([TestEntries.Minimal("a") with { Answer = "新答案" }], "bob", None);
        await _store.SaveAsync([TestEntries.Minimal("b") with { Status = EntryStatus.Retired }], "bob", None);
        await _store.SaveAsync([TestEntries.Minimal("c")], "bob", None);

        var frozen = (await _store.GetPublishedAsync(None))!;
        Assert.That(frozen.Version, Is.EqualTo(1));
        Assert.That(frozen.Entries.Select(e => (e.Id, e.Version, e.Answer)), Is.EqualTo(new[]
        {
            ("a", 1, TestEntries.Minimal().Answer),
            ("b", 1, TestEntries.Minimal().Answer),
        }));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var next = await _store.PublishAsync("bob", "edits", None);
        Assert.That(next.Version, Is.EqualTo(2));
        var live = (await _store.GetPublishedAsync(None))!;
        Assert.That(live.Version, Is.EqualTo(2));
        Assert.That(live.Entries.Select(e => (e.Id, e.Version, e.Answer)), Is.EqualTo(new[]
        {
            ("a", 2, "新答案"),
            ("c", 1, TestEntries.Minimal().Answer),
        }));
    }

    [Test]
    public async Task ListPublishesAsync_ReturnsEveryPublishNewestFirstWithoutEntries()
    {
        await _store.SaveAsync([TestEntries.Minimal("a")], "alice", None);
        await _store.PublishAsync("alice", "one", None);
        _clock.Advance(TimeSpan.FromDays(1));
        await _store.PublishAsync("bob", null, None);

        var publishes = await _store.ListPublishesAsync(None);
        Assert.That(publishes.Select(p => (p.Version, p.PublishedBy, p.Note, p.PublishedAt)), Is.EqualTo(new[]
        {
            (2, "bob", (string?)null, TestEntries.Now.AddDays(1)),
            (1, "alice", "one", TestEntries.Now),
        }));
        Assert.That(publishes.All(p => p.Entries.Count == 0), Is.True);
    }

    [Test]
    public async Task Reopen_SameFile_KeepsEntriesHistoryAndPublishes()
    {
        await _store.SaveAsync([TestEntries.Full("a", followUpTo: "b"), TestEntries.Minimal("b")], "alice", None);
        await _store.PublishAsync("alice", "before restart", None);
        await _store.SaveAsync([TestEntries.Minimal("b") with { Answer = "改" }], "bob", None);
        var before = await _store.ListAsync(None);
        _store.Dispose();

        _store = new SqliteKnowledgeStore(_file.Path, _clock);

        EntryComparer.AssertEqual(before, await _store.ListAsync(None));
        Assert.That(await _store.GetHistoryAsync("b", None), Has.Count.EqualTo(2));
        var published = (await _store.GetPublishedAsync(None))!;
        Assert.That((published.Version, published.Note), Is.EqualTo((1, "before restart")));
        Assert.That(published.Entries.Single(e => e.Id == "b").Version, Is.EqualTo(1));
    }

    [Test]
    public async Task SaveAsync_ConcurrentSaves_NumberEveryVersionOnceWithoutGaps()
    {
        const int Writers = 16;
        var saves = Enumerable.Range(1, Writers).Select(i => Task.Run(() => _store.SaveAsync(
            [TestEntries.Minimal("shared") with { Answer = $"答案 {i}" }, TestEntries.Minimal($"own-{i}")], $"user{i}", None)));
        var publishes = Enumerable.Range(1, 4).Select(_ => Task.Run(() => _store.PublishAsync("publisher", null, None)));
        await Task.WhenAll([.. saves, .. publishes]);

        var history = await _store.GetHistoryAsync("shared", None);
        Assert.That(history.Select(e => e.Version), Is.EqualTo(Enumerable.Range(1, Writers)));
        Assert.That(history.Select(e => e.Answer).Distinct().Count(), Is.EqualTo(Writers));
        Assert.That(await _store.ListAsync(None), Has.Count.EqualTo(Writers + 1));
        Assert.That((await _store.ListPublishesAsync(None)).Select(p => p.Version), Is.EqualTo(new List<int> { 4, 3, 2, 1 }));
    }

    [Test]
    public async Task Open_NewFile_UsesWalAndRecordsTheSchemaVersion()
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
        command.CommandText = "PRAGMA user_version";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L));
    }

    [Test]
    public void Open_FileFromANewerSchema_ThrowsRatherThanGuess()
    {
        _store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        Assert.That(() => new SqliteKnowledgeStore(_file.Path, _clock), Throws.InvalidOperationException.With.Message.Contain("99"));
    }
}
