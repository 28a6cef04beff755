using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ResponseBot.Knowledge.Storage;

/// <summary>
/// One SQLite file as this service's stores use it: the folder created if missing, WAL journalling, pooled connections
/// that wait up to 30 s for another writer (another store, the CLI), and one writer at a time per store in IMMEDIATE
/// transactions. The knowledge store and the conversation records each hold one, on the same file.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly bool _synchronousNormal;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    /// <summary>Creates the file's folder if needed and switches the file to WAL.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="foreignKeys">Whether connections enforce foreign keys.</param>
    /// <param name="synchronousNormal">
    /// Whether connections commit with <c>synchronous = NORMAL</c>: in WAL mode a commit then survives a crash or
    /// restart of the service but not a power cut or OS crash, and no longer waits for the disk.
    /// </param>
    public SqliteDatabase(string path, bool foreignKeys = false, bool synchronousNormal = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = foreignKeys,
            Pooling = true,
            // Also the busy timeout: how long a write waits for another writer's transaction to finish.
            DefaultTimeout = 30,
        }.ToString();
        _synchronousNormal = synchronousNormal;

        using var connection = Open();
        using var wal = connection.CreateCommand();
        // Persistent in the file: every later connection, from any process, uses WAL too.
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    /// <summary>
    /// Brings one store's tables in a shared file up to date: <paramref name="steps"/>[i] takes them from version i to
    /// i + 1, and the version reached is kept in the one-row table <paramref name="schemaTable"/>. All in one IMMEDIATE
    /// transaction, so two processes opening a new file at once do not both create the tables.
    /// </summary>
    /// <param name="connection">An open connection to the file.</param>
    /// <param name="schemaTable">The store's version table, e.g. <c>records_schema</c>.</param>
    /// <param name="tables">What the tables are called in the error message, e.g. <c>records</c>.</param>
    /// <param name="steps">The SQL of each version, oldest first.</param>
    /// <exception cref="InvalidOperationException">The file's tables are newer than this build understands.</exception>
    public static void Migrate(SqliteConnection connection, string schemaTable, string tables, IReadOnlyList<string> steps)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {schemaTable} (version INTEGER NOT NULL)";
        command.ExecuteNonQuery();
        command.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM {schemaTable}";
        var current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"The {tables} tables have schema version {current}; this build understands up to {steps.Count}. Upgrade the application.");
        }

        for (var version = current; version < steps.Count; version++)
        {
            command.CommandText = steps[version];
            command.ExecuteNonQuery();
        }

        if (current < steps.Count)
        {
            command.CommandText = $"DELETE FROM {schemaTable}; INSERT INTO {schemaTable} (version) VALUES ({steps.Count})";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (_synchronousNormal)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (_synchronousNormal)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, one writer at a time in this process, and commits it.
    /// </summary>
    public async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading read locks.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A command for <paramref name="sql"/> with its parameters; <see langword="null"/> values become NULL.</summary>
    public static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs one statement; returns how many rows it changed.</summary>
    public static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Releases the file: pooled connections would otherwise keep it open after the store is gone.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
