using Microsoft.Data.Sqlite;
using ResponseBot.Bot.Records;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Integration.Tests.Records;

/// <summary>The records contract on a SQLite file of its own for each test.</summary>
public sealed class SqliteConversationRecordsTests : ConversationRecordsContract
{
    private TemporarySqliteFile _file = null!;

    protected override void CreateStorage() => _file = TemporarySqliteFile.Create("responsebot-records-");

    protected override IConversationRecords Open() => _file.Track(new SqliteConversationRecords(_file.Path, Clock));

    protected override void DeleteStorage() => _file.Delete();

    [Test]
    public async Task Open_BesideTheKnowledgeStore_SharesTheFileWithoutDisturbingIt()
    {
        using var knowledge = new SqliteKnowledgeStore(_file.Path, Clock);
        var records = Open();

        var order = await records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);
        var snapshot = await knowledge.PublishAsync("editor", "first", CancellationToken.None);
        using var reopenedKnowledge = new SqliteKnowledgeStore(_file.Path, Clock);

        var read = await records.GetWorkOrderAsync(order.Id, CancellationToken.None);
        var published = await reopenedKnowledge.GetPublishedAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Not.Null);
            Assert.That(published?.Version, Is.EqualTo(snapshot.Version));
        });
    }

    [Test]
    public async Task Open_AFileOfSchemaVersion1_AddsTheAnalysisColumnsAndKeepsOldRows()
    {
        // A file of its own: the one of this test's set-up is already at the current version.
        _file.Path = Path.Combine(_file.Folder, "version-1.db");
        using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE records_schema (version INTEGER NOT NULL);
                INSERT INTO records_schema (version) VALUES (1);
                CREATE TABLE interactions (
                    id TEXT NOT NULL PRIMARY KEY, channel TEXT NOT NULL, user_id TEXT NOT NULL, at TEXT NOT NULL,
                    at_ticks INTEGER NOT NULL, inbound TEXT NOT NULL, text TEXT NOT NULL, reply TEXT NOT NULL,
                    reply_text TEXT NOT NULL, entry_id TEXT, score REAL, department TEXT, elapsed_ms INTEGER NOT NULL);
                INSERT INTO interactions VALUES
                    ('old', 'wechat', 'user-a', '2026-11-27T09:00:00.0000000+08:00', 0, 'text', '你好', 'small_talk', '您好', NULL, NULL, NULL, 3);
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var records = Open();
        var added = NewInteraction("new", Now);
        await records.AddInteractionAsync(added, CancellationToken.None);

        var listed = await records.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(i => i.Id), Is.EqualTo(new[] { "new", "old" }));
            Assert.That(listed[0], Is.EqualTo(added));
            Assert.That((listed[1].Sentiment, listed[1].Topic, listed[1].RoutedTo), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        });
    }
}
