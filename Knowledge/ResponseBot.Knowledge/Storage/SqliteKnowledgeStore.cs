using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Storage;

/// <summary>
/// The embedded store: one SQLite file holding every version of every entry and every published snapshot.
/// WAL mode lets searches and exports read while an editor saves; writes in this process queue on one semaphore,
/// and <c>BEGIN IMMEDIATE</c> transactions keep a second process (the CLI beside the service) from interleaving.
/// </summary>
public sealed class SqliteKnowledgeStore : IKnowledgeStore, IDisposable
{
    /// <summary>Bumped with every schema change; <see cref="Migrate"/> brings older files up to it.</summary>
    private const int SchemaVersion = 1;

    private const string LatestVersionsSql = """
        SELECT v.json FROM entry_versions v
        JOIN (SELECT id, MAX(version) AS version FROM entry_versions GROUP BY id) l
          ON l.id = v.id AND l.version = v.version
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public SqliteKnowledgeStore(string path, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _database = new SqliteDatabase(path, foreignKeys: true);
        using var connection = _database.Open();
        Migrate(connection);
    }

    public async Task<KnowledgeEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var json = await ScalarAsync<string>(
            connection, null, "SELECT json FROM entry_versions WHERE id = $id ORDER BY version DESC LIMIT 1",
            cancellationToken, ("$id", id));
        return json is null ? null : Deserialize(json);
    }

    public async Task<IReadOnlyList<KnowledgeEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryEntriesAsync(connection, null, LatestVersionsSql + " ORDER BY v.id", cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryEntriesAsync(
            connection, null, "SELECT json FROM entry_versions WHERE id = $id ORDER BY version", cancellationToken, ("$id", id));
    }

    public async Task<IReadOnlyList<KnowledgeEntry>> SaveAsync(
        IReadOnlyList<KnowledgeEntry> entries, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return await _database.WriteAsync<IReadOnlyList<KnowledgeEntry>>(async (connection, transaction) =>
        {
            var now = _clock.GetUtcNow();
            var saved = new List<KnowledgeEntry>(entries.Count);
            // Two commands reused for the whole batch: a large import is thousands of rows.
            await using var latestCommand = SqliteDatabase.Command(
                connection, transaction, "SELECT json FROM entry_versions WHERE id = $id ORDER BY version DESC LIMIT 1",
                [("$id", null)]);
            await using var insertCommand = SqliteDatabase.Command(
                connection, transaction,
                "INSERT INTO entry_versions (id, version, json, status, updated_by, updated_at) VALUES ($id, $version, $json, $status, $by, $at)",
                [("$id", null), ("$version", null), ("$json", null), ("$status", null), ("$by", by), ("$at", Timestamp(now))]);
            foreach (var entry in entries)
            {
                latestCommand.Parameters["$id"].Value = (object?)entry.Id ?? DBNull.Value;
                var latestJson = await latestCommand.ExecuteScalarAsync(cancellationToken) as string;
                var latest = latestJson is null ? null : Deserialize(latestJson);
                if (latest is not null && ContentOf(latest) == ContentOf(entry))
                {
                    saved.Add(latest);
                    continue;
                }

                var version = entry with { Version = (latest?.Version ?? 0) + 1, UpdatedBy = by, UpdatedAt = now };
                insertCommand.Parameters["$id"].Value = (object?)version.Id ?? DBNull.Value;
                insertCommand.Parameters["$version"].Value = version.Version;
                insertCommand.Parameters["$json"].Value = Serialize(version);
                insertCommand.Parameters["$status"].Value = StatusName(version.Status);
                await insertCommand.ExecuteNonQueryAsync(cancellationToken);
                saved.Add(version);
            }

            return saved;
        }, cancellationToken);
    }

    public async Task<KnowledgeSnapshot> PublishAsync(string by, string? note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return await _database.WriteAsync(async (connection, transaction) =>
        {
            var now = _clock.GetUtcNow();
            var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
            // The status column narrows the scan; the dates live in the JSON, so "in force" is decided here.
            var published = (await QueryEntriesAsync(
                    connection, transaction, LatestVersionsSql + " WHERE v.status = $status ORDER BY v.id", cancellationToken,
                    ("$status", StatusName(EntryStatus.Published))))
                .Where(e => e.IsInForce(today))
                .ToList();

            var version = 1 + await ScalarAsync<long>(
                connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM snapshots", cancellationToken);
            await SqliteDatabase.ExecuteAsync(
                connection, transaction,
                "INSERT INTO snapshots (version, published_at, published_by, note) VALUES ($version, $at, $by, $note)",
                cancellationToken, ("$version", version), ("$at", Timestamp(now)), ("$by", by), ("$note", note));
            foreach (var entry in published)
            {
                await SqliteDatabase.ExecuteAsync(
                    connection, transaction,
                    "INSERT INTO snapshot_entries (snapshot_version, entry_id, entry_version) VALUES ($snapshot, $id, $version)",
                    cancellationToken, ("$snapshot", version), ("$id", entry.Id), ("$version", entry.Version));
            }

            return new KnowledgeSnapshot((int)version, now, by, note, published);
        }, cancellationToken);
    }

    public async Task<KnowledgeSnapshot?> GetPublishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One read transaction so the snapshot row and its members come from the same moment.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var headers = await QuerySnapshotsAsync(connection, transaction, 1, cancellationToken);
        if (headers.Count == 0)
        {
            return null;
        }

        var header = headers[0];

        var entries = await QueryEntriesAsync(
            connection, transaction,
            """
            SELECT v.json FROM snapshot_entries s
            JOIN entry_versions v ON v.id = s.entry_id AND v.version = s.entry_version
            WHERE s.snapshot_version = $snapshot ORDER BY s.entry_id
            """,
            cancellationToken, ("$snapshot", header.Version));
        return header with { Entries = entries };
    }

    public async Task<IReadOnlyList<KnowledgeSnapshot>> ListPublishesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QuerySnapshotsAsync(connection, null, null, cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>What makes two versions different: everything but the bookkeeping the store sets itself.</summary>
    private static string ContentOf(KnowledgeEntry entry) =>
        Serialize(entry with { Version = 0, UpdatedBy = null, UpdatedAt = null });

    private static string Serialize(KnowledgeEntry entry) => JsonSerializer.Serialize(entry, EntryJson.Options);

    private static KnowledgeEntry Deserialize(string json) =>
        JsonSerializer.Deserialize<KnowledgeEntry>(json, EntryJson.Options)
        ?? throw new InvalidDataException("A stored entry version is null.");

    private static string StatusName(EntryStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static string Timestamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The knowledge database has schema version {current}; this build understands up to {SchemaVersion}. Upgrade the application.");
        }

        if (current < 1)
        {
            command.CommandText = """
                CREATE TABLE entry_versions (
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    status TEXT NOT NULL,
                    updated_by TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (id, version)
                ) WITHOUT ROWID;
                CREATE INDEX entry_versions_status ON entry_versions (status);
                CREATE TABLE snapshots (
                    version INTEGER NOT NULL PRIMARY KEY,
                    published_at TEXT NOT NULL,
                    published_by TEXT NOT NULL,
                    note TEXT
                );
                CREATE TABLE snapshot_entries (
                    snapshot_version INTEGER NOT NULL REFERENCES snapshots (version),
                    entry_id TEXT NOT NULL,
                    entry_version INTEGER NOT NULL,
                    PRIMARY KEY (snapshot_version, entry_id),
                    FOREIGN KEY (entry_id, entry_version) REFERENCES entry_versions (id, version)
                ) WITHOUT ROWID;
                """;
            command.ExecuteNonQuery();
        }

        command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static async Task<T?> ScalarAsync<T>(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    private static async Task<IReadOnlyList<KnowledgeEntry>> QueryEntriesAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<KnowledgeEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Deserialize(reader.GetString(0)));
        }

        return entries;
    }

    private static async Task<IReadOnlyList<KnowledgeSnapshot>> QuerySnapshotsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, int? limit, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(
            connection, transaction,
            "SELECT version, published_at, published_by, note FROM snapshots ORDER BY version DESC LIMIT $limit",
            [("$limit", limit ?? -1)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var snapshots = new List<KnowledgeSnapshot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshots.Add(new KnowledgeSnapshot(
                reader.GetInt32(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                []));
        }

        return snapshots;
    }
}
