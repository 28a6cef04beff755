using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Integration.Tests.Alerts;

/// <summary>The alert storage contract on a SQLite file of its own for each test.</summary>
public sealed class SqliteAlertStorageTests : AlertStorageContract
{
    private TemporarySqliteFile _file = null!;

    protected override void CreateStorage() => _file = TemporarySqliteFile.Create("responsebot-alerts-");

    protected override IAlertStore OpenAlerts() => _file.Track(new SqliteAlertStore(_file.Path, Clock));

    protected override IInquiryStatistics OpenStatistics() => _file.Track(new SqliteInquiryStatistics(_file.Path));

    protected override void DeleteStorage() => _file.Delete();

    [Test]
    public async Task Open_BesideTheKnowledgeStore_SharesTheFileWithoutDisturbingIt()
    {
        using var knowledge = new SqliteKnowledgeStore(_file.Path, Clock);
        var alerts = OpenAlerts();

        var raised = await alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        var snapshot = await knowledge.PublishAsync("editor", "first", CancellationToken.None);
        using var reopenedKnowledge = new SqliteKnowledgeStore(_file.Path, Clock);

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
}
