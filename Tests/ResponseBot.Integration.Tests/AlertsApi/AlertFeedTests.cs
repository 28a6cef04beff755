using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Insights.Alerts.Storage;

namespace ResponseBot.Integration.Tests.AlertsApi;

// The shared feed of one instance on a real SQLite alert store: readers see every change once, in order.
[Category("Integration")]
public sealed class AlertFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private string _directory = null!;
    private SqliteAlertStore _store = null!;
    private AlertFeed _feed = null!;
    private DateTimeOffset _now;

    [SetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("responsebot-feed-").FullName;
        _store = new SqliteAlertStore(Path.Combine(_directory, "alerts.db"), TimeProvider.System);
        _now = DateTimeOffset.UtcNow;
        await _store.RaiseOrUpdateAsync(AlertDrafts.Repeats(_now), _now, CancellationToken.None);
        _feed = new AlertFeed(_store, TimeProvider.System, NullLogger<AlertFeed>.Instance);
        await _feed.StartAsync(CancellationToken.None);
        await _feed.Ready.WaitAsync(Wait);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _feed.StopAsync(CancellationToken.None);
        _feed.Dispose();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Readers_OpenedTogether_EachGetEveryLaterChangeOnceInOrder()
    {
        var first = await _feed.OpenReaderAsync(after: null, CancellationToken.None);
        var second = await _feed.OpenReaderAsync(after: null, CancellationToken.None);

        var raised = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            raised.Add((await _store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 5 + i, _now, key: "spike:nev"), _now, CancellationToken.None)).Cursor);
        }

        Assert.That(await ReadAsync(first, raised.Count), Is.EqualTo(raised));
        Assert.That(await ReadAsync(second, raised.Count), Is.EqualTo(raised));
    }

    [Test]
    public async Task AReader_FallenBehindWhatTheFeedKeeps_ReadsTheRestFromTheStore()
    {
        var reader = await _feed.OpenReaderAsync(after: null, CancellationToken.None);
        var raised = new List<string>();
        for (var i = 0; i < AlertFeed.Capacity + 150; i++)
        {
            raised.Add((await _store.RaiseOrUpdateAsync(AlertDrafts.Spike("nev", 5 + i, _now, key: "spike:nev"), _now, CancellationToken.None)).Cursor);
        }

        // The poller has moved past the oldest of them before the reader asks for any.
        var polls = _feed.Polls;
        while (_feed.Polls < polls + 2)
        {
            await Task.Delay(50);
        }

        Assert.That(await ReadAsync(reader, raised.Count), Is.EqualTo(raised), "every change once, in order");
    }

    [Test]
    public async Task AReader_AfterAnUnknownCursor_FollowsFromNowOn()
    {
        var reader = await _feed.OpenReaderAsync("not-a-cursor", CancellationToken.None);

        Assert.That(await reader.ReadAsync(TimeSpan.FromSeconds(3), CancellationToken.None), Is.Empty);
        var later = await _store.RaiseOrUpdateAsync(AlertDrafts.Escalation("sme", _now), _now, CancellationToken.None);
        Assert.That(await ReadAsync(reader, 1), Is.EqualTo(new[] { later.Cursor }));
    }

    private static async Task<List<string>> ReadAsync(AlertFeedReader reader, int count)
    {
        var cursors = new List<string>();
        using var cancel = new CancellationTokenSource(Wait);
        while (cursors.Count < count)
        {
            cursors.AddRange((await reader.ReadAsync(TimeSpan.FromSeconds(1), cancel.Token)).Select(c => c.Cursor));
        }

        return cursors;
    }
}
