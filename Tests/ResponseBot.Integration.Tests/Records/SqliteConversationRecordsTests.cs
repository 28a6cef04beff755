using Microsoft.Data.Sqlite;
using ResponseBot.Bot.Records;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Integration.Tests.Records;

/// <summary>The records contract on a SQLite file of its own for each test.</summary>
public sealed class SqliteConversationRecordsTests : ConversationRecordsContract
{
    private readonly List<SqliteConversationRecords> _opened = [];
    private string _path = null!;

    protected override void CreateStorage() =>
        _path = Path.Combine(Directory.CreateTempSubdirectory("responsebot-records-").FullName, "responsebot.db");

    protected override IConversationRecords Open()
    {
        var records = new SqliteConversationRecords(_path, Clock);
        _opened.Add(records);
        return records;
    }

    protected override void DeleteStorage()
    {
        foreach (var records in _opened)
        {
            records.Dispose();
        }

        _opened.Clear();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Test]
    public async Task Open_BesideTheKnowledgeStore_SharesTheFileWithoutDisturbingIt()
    {
        using var knowledge = new SqliteKnowledgeStore(_path, Clock);
        var records = Open();

        var order = await records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);
        var snapshot = await knowledge.PublishAsync("editor", "first", CancellationToken.None);
        using var reopenedKnowledge = new SqliteKnowledgeStore(_path, Clock);

        var read = await records.GetWorkOrderAsync(order.Id, CancellationToken.None);
        var published = await reopenedKnowledge.GetPublishedAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Not.Null);
            Assert.That(published?.Version, Is.EqualTo(snapshot.Version));
        });
    }
}
