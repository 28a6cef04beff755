using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// The insights tables in the knowledge base's SQLite file: alerts, their feed and delivery claims, and the statistics
/// the detectors read. They have their own names and their own schema version in <c>insights_schema</c>, because
/// <c>PRAGMA user_version</c> belongs to the knowledge store.
/// </summary>
internal static class SqliteInsights
{
    // The insights tables, one script per schema version; SqliteDatabase.Migrate brings older files up to the last.
    // Times are kept twice: as written (with the offset, so an alert reads back exactly) and as UTC ticks, which order
    // correctly whatever offset each was written with. The partial unique index is what makes one situation one alert,
    // whoever raises it: while an alert is not resolved, no other can take its key.
    private const string Version1 = """
        CREATE TABLE alerts (
            id TEXT NOT NULL PRIMARY KEY,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            topic TEXT,
            department TEXT,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            status TEXT NOT NULL,
            revision INTEGER NOT NULL,
            raised_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_ticks INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at TEXT,
            resolved_by TEXT,
            resolved_at TEXT,
            evidence TEXT NOT NULL
        );
        CREATE UNIQUE INDEX alerts_unresolved_key ON alerts (key) WHERE status <> 'resolved';
        CREATE INDEX alerts_updated ON alerts (updated_ticks);
        CREATE TABLE alert_counters (
            day TEXT NOT NULL PRIMARY KEY,
            last INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE alert_changes (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            change TEXT NOT NULL,
            alert TEXT NOT NULL
        );
        CREATE TABLE alert_deliveries (
            destination TEXT NOT NULL,
            alert_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (destination, alert_id, revision)
        ) WITHOUT ROWID;
        CREATE TABLE inquiry_counts (
            topic TEXT NOT NULL,
            bucket_ticks INTEGER NOT NULL,
            total INTEGER NOT NULL,
            negative INTEGER NOT NULL,
            PRIMARY KEY (topic, bucket_ticks)
        ) WITHOUT ROWID;
        CREATE INDEX inquiry_counts_bucket ON inquiry_counts (bucket_ticks);
        CREATE TABLE complaints (
            subject TEXT NOT NULL,
            at_ticks INTEGER NOT NULL
        );
        CREATE INDEX complaints_subject ON complaints (subject, at_ticks);
        CREATE INDEX complaints_at ON complaints (at_ticks);
        CREATE TABLE negative_samples (
            topic TEXT NOT NULL,
            subject TEXT NOT NULL,
            company TEXT,
            at TEXT NOT NULL,
            at_ticks INTEGER NOT NULL,
            channel TEXT NOT NULL,
            text TEXT NOT NULL,
            probability REAL NOT NULL
        );
        CREATE INDEX negative_samples_topic ON negative_samples (topic, at_ticks);
        CREATE INDEX negative_samples_subject ON negative_samples (subject, at_ticks);
        CREATE INDEX negative_samples_company ON negative_samples (company, at_ticks) WHERE company IS NOT NULL;
        CREATE INDEX negative_samples_at ON negative_samples (at_ticks);
        """;

    /// <summary>Opens the file and brings the insights tables up to date.</summary>
    public static SqliteDatabase Open(string path)
    {
        // An inquiry writes its counts on every turn; NORMAL keeps that off the disk's latency, as the records do. In
        // WAL mode a commit still survives a crash or restart of the service.
        var database = new SqliteDatabase(path, synchronousNormal: true);
        using var connection = database.Open();
        Migrate(connection);
        return database;
    }

    /// <summary>A time as written, with its offset, so it reads back exactly.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A time written by <see cref="Timestamp"/>.</summary>
    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Runs <paramref name="sql"/> and reads every row with <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(
        SqliteDatabase database, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, sql, read, cancellationToken, parameters);
    }

    /// <summary>Runs <paramref name="sql"/> on an open connection and reads every row with <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs a statement that returns one value.</summary>
    public static async Task<long> ScalarAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(
            await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("The statement returned no value."),
            CultureInfo.InvariantCulture);
    }

    private static void Migrate(SqliteConnection connection) =>
        SqliteDatabase.Migrate(connection, "insights_schema", "insights", [Version1]);
}
