using Microsoft.Data.Sqlite;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Integration.Tests.Alerts;

/// <summary>The alert storage contract on a SQLite file of its own for each test.</summary>
public sealed class SqliteAlertStorageTests : AlertStorageContract
{
    private readonly List<IDisposable> _opened = [];
    private string _path = null!;

    protected override void CreateStorage() =>
        _path = Path.Combine(Directory.CreateTempSubdirectory("responsebot-alerts-").FullName, "responsebot.db");

    protected override IAlertStore OpenAlerts() => Opened(new SqliteAlertStore(_path, Clock));

    protected override IInquiryStatistics OpenStatistics() => Opened(new SqliteInquiryStatistics(_path));

    protected override void DeleteStorage()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _opened.Clear();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Test]
    public async Task Open_BesideTheKnowledgeStore_SharesTheFileWithoutDisturbingIt()
    {
        using var knowledge = new SqliteKnowledgeStore(_path, Clock);
        var alerts = OpenAlerts();

        var raised = await alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        var snapshot = await knowledge.PublishAsync("editor", "first", CancellationToken.None);
        using var reopenedKnowledge = new SqliteKnowledgeStore(_path, Clock);

        var read = await OpenAlerts().GetAsync(raised.Alert.Id, CancellationToken.None);
        var published = await reopenedKnowledge.GetPublishedAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Not.Null);
            Assert.That(published?.Version, Is.EqualTo(snapshot.Version));
        });
    }

    [Test]
    public async Task ReadFeed_MoreChangesThanTheFeedKeeps_KeepsTheNewestTenThousand()
    {
        var alerts = OpenAlerts();
        var raised = await alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        for (var i = 1; i <= 10_005; i++)
        {
            await alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddSeconds(i), CancellationToken.None);
        }

        var oldest = await alerts.ReadFeedAsync(null, 1, CancellationToken.None);
        var afterFirst = await alerts.ReadFeedAsync(raised.Cursor, 1, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(oldest.Single().Alert.Revision, Is.EqualTo(10_006 - 10_000 + 1));
            Assert.That(afterFirst.Single().Alert.Revision, Is.EqualTo(oldest.Single().Alert.Revision),
                "a reader whose cursor fell out of the feed goes on from the oldest kept");
        });
    }

    private T Opened<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }
}
