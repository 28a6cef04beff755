using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Bot.Records;

/// <summary>
/// Conversation records in the SQLite file of the knowledge base: one instance, nothing to install, nothing lost on
/// restart. Tables are created on first use beside the knowledge tables (their own names, their own schema version in
/// <c>records_schema</c>, because <c>PRAGMA user_version</c> belongs to the knowledge store). Writes in this process
/// queue on one semaphore, and <c>BEGIN IMMEDIATE</c> transactions keep the CLI in another process from interleaving.
/// </summary>
/// <param name="databasePath">The SQLite file; created with its folder if missing.</param>
/// <param name="timeProvider">The clock whose local date numbers work orders.</param>
public sealed class SqliteConversationRecords(string databasePath, TimeProvider timeProvider) : IConversationRecords, IDisposable
{
    // The records tables, one script per schema version; SqliteDatabase.Migrate brings older files up to the last.
    // Times are kept twice: as written (with the offset, so a record reads back exactly) and as UTC ticks, which order
    // correctly whatever offset each record was written with.
    private const string Version1 = """
        CREATE TABLE interactions (
            id TEXT NOT NULL PRIMARY KEY,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            at TEXT NOT NULL,
            at_ticks INTEGER NOT NULL,
            inbound TEXT NOT NULL,
            text TEXT NOT NULL,
            reply TEXT NOT NULL,
            reply_text TEXT NOT NULL,
            entry_id TEXT,
            score REAL,
            department TEXT,
            elapsed_ms INTEGER NOT NULL
        );
        CREATE INDEX interactions_at ON interactions (at_ticks);
        CREATE INDEX interactions_user ON interactions (channel, user_id, at_ticks);
        CREATE TABLE feedback (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            entry_version INTEGER,
            satisfied INTEGER NOT NULL,
            at TEXT NOT NULL,
            at_ticks INTEGER NOT NULL
        );
        CREATE INDEX feedback_at ON feedback (at_ticks);
        CREATE INDEX feedback_entry ON feedback (entry_id, at_ticks);
        CREATE INDEX feedback_user ON feedback (channel, user_id);
        CREATE TABLE work_orders (
            id TEXT NOT NULL PRIMARY KEY,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            department TEXT NOT NULL,
            reason TEXT NOT NULL,
            question TEXT NOT NULL,
            transcript TEXT NOT NULL,
            contacts TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_ticks INTEGER NOT NULL
        );
        CREATE INDEX work_orders_created ON work_orders (created_ticks);
        CREATE INDEX work_orders_department ON work_orders (department, status, created_ticks);
        CREATE INDEX work_orders_status ON work_orders (status, created_ticks);
        CREATE INDEX work_orders_user ON work_orders (channel, user_id);
        CREATE TABLE work_order_counters (
            day TEXT NOT NULL PRIMARY KEY,
            last INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    // What the insight models read in each inquiry; older rows have none.
    private const string Version2 = """
        ALTER TABLE interactions ADD COLUMN sentiment TEXT;
        ALTER TABLE interactions ADD COLUMN topic TEXT;
        ALTER TABLE interactions ADD COLUMN routed_to TEXT;
        """;

    private const string InteractionColumns =
        "id, channel, user_id, at, inbound, text, reply, reply_text, entry_id, score, department, elapsed_ms, sentiment, topic, routed_to";

    private const string FeedbackColumns = "channel, user_id, entry_id, entry_version, satisfied, at";

    private const string WorkOrderColumns =
        "id, channel, user_id, department, reason, question, transcript, contacts, status, created_at";

    private readonly SqliteDatabase _database = Initialize(databasePath);
    private readonly TimeProvider _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public async Task<bool> AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentException.ThrowIfNullOrEmpty(interaction.Id);
        var changed = await _database.WriteAsync(
            (connection, transaction) => SqliteDatabase.ExecuteAsync(
                connection, transaction,
                $"""
                INSERT OR IGNORE INTO interactions ({InteractionColumns}, at_ticks)
                VALUES ($id, $channel, $user, $at, $inbound, $text, $reply, $replyText, $entry, $score, $department, $elapsed,
                        $sentiment, $topic, $routedTo, $ticks)
                """,
                cancellationToken,
                ("$id", interaction.Id), ("$channel", interaction.Channel), ("$user", interaction.UserId),
                ("$at", Timestamp(interaction.At)), ("$inbound", RecordNames.NameOf(interaction.Inbound)),
                ("$text", interaction.Text), ("$reply", RecordNames.NameOf(interaction.Reply)),
                ("$replyText", interaction.ReplyText), ("$entry", interaction.EntryId), ("$score", interaction.Score),
                ("$department", interaction.Department), ("$elapsed", interaction.ElapsedMilliseconds),
                ("$sentiment", interaction.Sentiment), ("$topic", interaction.Topic), ("$routedTo", interaction.RoutedTo),
                ("$ticks", interaction.At.UtcTicks)),
            cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Interaction>> ListInteractionsAsync(
        string? channel, string? userId, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckInteractionFilter(channel, userId, limit);
        return await ReadAsync(
            $"""
            SELECT {InteractionColumns} FROM interactions
            WHERE ($channel IS NULL OR channel = $channel) AND ($user IS NULL OR user_id = $user)
            ORDER BY at_ticks DESC, rowid DESC LIMIT $limit
            """,
            ReadInteraction, cancellationToken, ("$channel", channel), ("$user", userId), ("$limit", limit));
    }

    public async Task AddFeedbackAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await _database.WriteAsync(
            (connection, transaction) => SqliteDatabase.ExecuteAsync(
                connection, transaction,
                $"""
                INSERT INTO feedback ({FeedbackColumns}, at_ticks)
                VALUES ($channel, $user, $entry, $version, $satisfied, $at, $ticks)
                """,
                cancellationToken,
                ("$channel", feedback.Channel), ("$user", feedback.UserId), ("$entry", feedback.EntryId),
                ("$version", feedback.EntryVersion), ("$satisfied", feedback.Satisfied), ("$at", Timestamp(feedback.At)),
                ("$ticks", feedback.At.UtcTicks)),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Feedback>> ListFeedbackAsync(string? entryId, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckLimit(limit);
        return await ReadAsync(
            $"""
            SELECT {FeedbackColumns} FROM feedback WHERE ($entry IS NULL OR entry_id = $entry)
            ORDER BY at_ticks DESC, rowid DESC LIMIT $limit
            """,
            ReadFeedback, cancellationToken, ("$entry", entryId), ("$limit", limit));
    }

    public async Task<IReadOnlyList<FeedbackSummary>> SummarizeFeedbackAsync(CancellationToken cancellationToken) =>
        await ReadAsync(
            """
            SELECT entry_id, SUM(satisfied) AS yes, SUM(1 - satisfied) AS no FROM feedback
            GROUP BY entry_id ORDER BY no DESC, yes ASC, entry_id ASC
            """,
            reader => new FeedbackSummary(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)),
            cancellationToken);

    public async Task<WorkOrder> CreateWorkOrderAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var day = RecordQueries.WorkOrderDay(_clock);
        return await _database.WriteAsync(async (connection, transaction) =>
        {
            // The write transaction holds the file's write lock, so no other writer, in this process or another, can
            // take the same number between the increment and the insert.
            var number = await ScalarAsync<long>(
                connection, transaction,
                """
                INSERT INTO work_order_counters (day, last) VALUES ($day, 1)
                ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last
                """,
                cancellationToken, ("$day", day));
            var created = order with { Id = RecordQueries.WorkOrderId(day, number) };
            await SqliteDatabase.ExecuteAsync(
                connection, transaction,
                $"""
                INSERT INTO work_orders ({WorkOrderColumns}, created_ticks)
                VALUES ($id, $channel, $user, $department, $reason, $question, $transcript, $contacts, $status, $at, $ticks)
                """,
                cancellationToken,
                ("$id", created.Id), ("$channel", created.Channel), ("$user", created.UserId),
                ("$department", created.Department), ("$reason", RecordNames.NameOf(created.Reason)),
                ("$question", created.Question),
                ("$transcript", JsonSerializer.Serialize(created.Transcript, RecordsJsonContext.Stored.IReadOnlyListTranscriptLine)),
                ("$contacts", JsonSerializer.Serialize(created.Contacts, RecordsJsonContext.Stored.IReadOnlyListString)),
                ("$status", RecordNames.NameOf(created.Status)), ("$at", Timestamp(created.CreatedAt)),
                ("$ticks", created.CreatedAt.UtcTicks));
            return created;
        }, cancellationToken);
    }

    public async Task<WorkOrder?> GetWorkOrderAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var orders = await ReadAsync(
            $"SELECT {WorkOrderColumns} FROM work_orders WHERE id = $id", ReadWorkOrder, cancellationToken, ("$id", id));
        return orders.Count == 0 ? null : orders[0];
    }

    public async Task<IReadOnlyList<WorkOrder>> ListWorkOrdersAsync(
        string? department, WorkOrderStatus? status, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckLimit(limit);
        return await ReadAsync(
            $"""
            SELECT {WorkOrderColumns} FROM work_orders
            WHERE ($department IS NULL OR department = $department) AND ($status IS NULL OR status = $status)
            ORDER BY created_ticks DESC, rowid DESC LIMIT $limit
            """,
            ReadWorkOrder, cancellationToken,
            ("$department", department), ("$status", status is { } s ? RecordNames.NameOf(s) : null), ("$limit", limit));
    }

    public async Task<int> ForgetUserAsync(string channel, string userId, CancellationToken cancellationToken)
    {
        RecordQueries.CheckUser(channel, userId);
        (string, object?)[] user = [("$channel", channel), ("$user", userId)];
        return await _database.WriteAsync(async (connection, transaction) =>
            await SqliteDatabase.ExecuteAsync(
                connection, transaction, "DELETE FROM interactions WHERE channel = $channel AND user_id = $user",
                cancellationToken, user) +
            await SqliteDatabase.ExecuteAsync(
                connection, transaction, "DELETE FROM feedback WHERE channel = $channel AND user_id = $user",
                cancellationToken, user) +
            // The matter stays with the department; who raised it and how to reach them do not.
            await SqliteDatabase.ExecuteAsync(
                connection, transaction,
                "UPDATE work_orders SET user_id = '', contacts = '[]' WHERE channel = $channel AND user_id = $user",
                cancellationToken, user),
            cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Opens the file and brings the records tables up to date.</summary>
    private static SqliteDatabase Initialize(string path)
    {
        // Every message writes an interaction. With the default (FULL) each commit waits for the disk, one writer at a
        // time, and that capped the WeChat channel at about 2,400 messages/s on 2 cores; with NORMAL it reached about
        // 3,600 (responsebot bench wechat). In WAL mode NORMAL still survives a crash or restart of the service; only a
        // power cut or OS crash can lose the last commits before the next checkpoint.
        var database = new SqliteDatabase(path, synchronousNormal: true);
        using var connection = database.Open();
        Migrate(connection);
        return database;
    }

    private static void Migrate(SqliteConnection connection) =>
        SqliteDatabase.Migrate(connection, "records_schema", "records", [Version1, Version2]);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The statement returned no value."));
    }

    private static Interaction ReadInteraction(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        ParseTimestamp(reader.GetString(3)),
        RecordNames.Parse<InboundKind>(reader.GetString(4)),
        reader.GetString(5),
        RecordNames.Parse<ReplyKind>(reader.GetString(6)),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetDouble(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetInt32(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14));

    private static Feedback ReadFeedback(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3),
        reader.GetBoolean(4),
        ParseTimestamp(reader.GetString(5)));

    private static WorkOrder ReadWorkOrder(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        RecordNames.Parse<HandoffReason>(reader.GetString(4)),
        reader.GetString(5),
        JsonSerializer.Deserialize(reader.GetString(6), RecordsJsonContext.Stored.IReadOnlyListTranscriptLine) ?? [],
        JsonSerializer.Deserialize(reader.GetString(7), RecordsJsonContext.Stored.IReadOnlyListString) ?? [],
        RecordNames.Parse<WorkOrderStatus>(reader.GetString(8)),
        ParseTimestamp(reader.GetString(9)));

    private static string Timestamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
