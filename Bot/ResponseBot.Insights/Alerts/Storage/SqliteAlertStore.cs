using System.Globalization;
using Microsoft.Data.Sqlite;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// Alerts in the SQLite file of the knowledge base: one instance, nothing to install, nothing lost on restart. Every
/// change is one <c>BEGIN IMMEDIATE</c> transaction that writes the alert and appends it to <c>alert_changes</c>,
/// whose autoincrement sequence is the feed's cursor; a partial unique index keeps one unresolved alert per situation.
/// </summary>
/// <param name="databasePath">The SQLite file; created with its folder if missing.</param>
/// <param name="timeProvider">Whose time zone dates alert ids. The times themselves are the callers'.</param>
public sealed class SqliteAlertStore(string databasePath, TimeProvider timeProvider) : IAlertStore, IDisposable
{
    private const string AlertColumns =
        "id, kind, key, topic, department, title, summary, status, revision, raised_at, updated_at, " +
        "acknowledged_by, acknowledged_at, resolved_by, resolved_at, evidence";

    private readonly SqliteDatabase _database = SqliteInsights.Open(databasePath);
    private readonly TimeProvider _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public async Task<AlertChange> RaiseOrUpdateAsync(AlertDraft draft, DateTimeOffset at, CancellationToken cancellationToken)
    {
        AlertRules.CheckDraft(draft);
        var day = AlertRules.AlertDay(at, _clock);
        return await _database.WriteAsync(async (connection, transaction) =>
        {
            // The write transaction holds the file's write lock: nobody can raise the same key, or take the same number,
            // between this read and the writes below.
            var open = await ReadAlertsAsync(
                connection, transaction, "WHERE key = $key AND status <> 'resolved'", cancellationToken, ("$key", draft.Key));
            if (open.Count > 0)
            {
                var updated = AlertRules.Update(open[0], draft, at);
                await UpdateAsync(connection, transaction, updated, cancellationToken);
                return await AppendAsync(connection, transaction, AlertChangeKind.Updated, updated, cancellationToken);
            }

            var number = await SqliteInsights.ScalarAsync(
                connection, transaction,
                """
                INSERT INTO alert_counters (day, last) VALUES ($day, 1)
                ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last
                """,
                cancellationToken, ("$day", day));
            var raised = AlertRules.Raise(AlertRules.AlertId(day, number), draft, at);
            await SqliteDatabase.ExecuteAsync(
                connection, transaction,
                $"""
                INSERT INTO alerts ({AlertColumns}, updated_ticks)
                VALUES ($id, $kind, $key, $topic, $department, $title, $summary, $status, $revision, $raisedAt, $updatedAt,
                        $ackBy, $ackAt, $resolvedBy, $resolvedAt, $evidence, $ticks)
                """,
                cancellationToken, Parameters(raised));
            return await AppendAsync(connection, transaction, AlertChangeKind.Raised, raised, cancellationToken);
        }, cancellationToken);
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var alerts = await SqliteInsights.ReadAsync(
            _database, $"SELECT {AlertColumns} FROM alerts WHERE id = $id", ReadAlert, cancellationToken, ("$id", id));
        return alerts.Count == 0 ? null : alerts[0];
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        AlertRules.CheckQuery(query);
        return await SqliteInsights.ReadAsync(
            _database,
            $"""
            SELECT {AlertColumns} FROM alerts
            WHERE ($status IS NULL OR status = $status) AND ($kind IS NULL OR kind = $kind)
              AND ($topic IS NULL OR topic = $topic) AND ($since IS NULL OR updated_ticks >= $since)
            ORDER BY updated_ticks DESC, rowid DESC LIMIT $limit
            """,
            ReadAlert, cancellationToken,
            ("$status", query.Status is { } status ? AlertRules.Name(status) : null),
            ("$kind", query.Kind is { } kind ? AlertRules.Name(kind) : null),
            ("$topic", query.Topic), ("$since", query.Since?.UtcTicks), ("$limit", query.Limit));
    }

    public Task<AlertChange?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(id, alert => AlertRules.Acknowledge(alert, by, at), AlertChangeKind.Acknowledged, cancellationToken);

    public Task<AlertChange?> ResolveAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(id, alert => AlertRules.Resolve(alert, by, at), AlertChangeKind.Resolved, cancellationToken);

    public async Task<IReadOnlyList<AlertChange>> ReadFeedAsync(string? after, int max, CancellationToken cancellationToken)
    {
        AlertRules.CheckMax(max);
        return await SqliteInsights.ReadAsync(
            _database,
            "SELECT sequence, change, alert FROM alert_changes WHERE sequence > $after ORDER BY sequence LIMIT $max",
            reader => new AlertChange(
                Cursor(reader.GetInt64(0)),
                AlertRules.Parse<AlertChangeKind>(reader.GetString(1)),
                AlertsJsonContext.Deserialize(reader.GetString(2), json => json.Alert)),
            cancellationToken, ("$after", ParseCursor(after)), ("$max", max));
    }

    public async Task<string?> LatestCursorAsync(CancellationToken cancellationToken)
    {
        var latest = await SqliteInsights.ReadAsync(
            _database, "SELECT MAX(sequence) FROM alert_changes", reader => reader.IsDBNull(0) ? null : Cursor(reader.GetInt64(0)),
            cancellationToken);
        return latest[0];
    }

    public async Task<bool> TryClaimDeliveryAsync(string destination, string alertId, int revision, CancellationToken cancellationToken)
    {
        AlertRules.CheckDelivery(destination, alertId, revision);
        var claimed = await _database.WriteAsync(
            (connection, transaction) => SqliteDatabase.ExecuteAsync(
                connection, transaction,
                "INSERT OR IGNORE INTO alert_deliveries (destination, alert_id, revision) VALUES ($destination, $id, $revision)",
                cancellationToken, ("$destination", destination), ("$id", alertId), ("$revision", revision)),
            cancellationToken);
        return claimed == 1;
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Acknowledges or resolves: <paramref name="change"/> checks the state and gives the alert after it.</summary>
    private async Task<AlertChange?> ChangeAsync(
        string id, Func<Alert, Alert> change, AlertChangeKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _database.WriteAsync(async (connection, transaction) =>
        {
            var alerts = await ReadAlertsAsync(connection, transaction, "WHERE id = $id", cancellationToken, ("$id", id));
            if (alerts.Count == 0)
            {
                return null;
            }

            var changed = change(alerts[0]);
            await UpdateAsync(connection, transaction, changed, cancellationToken);
            return await AppendAsync(connection, transaction, kind, changed, cancellationToken);
        }, cancellationToken);
    }

    private static Task<IReadOnlyList<Alert>> ReadAlertsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string where, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        SqliteInsights.ReadAsync(
            connection, transaction, $"SELECT {AlertColumns} FROM alerts {where}", ReadAlert, cancellationToken, parameters);

    private static Task<int> UpdateAsync(
        SqliteConnection connection, SqliteTransaction transaction, Alert alert, CancellationToken cancellationToken) =>
        SqliteDatabase.ExecuteAsync(
            connection, transaction,
            """
            UPDATE alerts SET kind = $kind, key = $key, topic = $topic, department = $department, title = $title,
                summary = $summary, status = $status, revision = $revision, raised_at = $raisedAt, updated_at = $updatedAt,
                acknowledged_by = $ackBy, acknowledged_at = $ackAt, resolved_by = $resolvedBy, resolved_at = $resolvedAt,
                evidence = $evidence, updated_ticks = $ticks
            WHERE id = $id
            """,
            cancellationToken, Parameters(alert));

    /// <summary>Appends the change to the feed and drops what has fallen out of its length; returns the entry.</summary>
    private static async Task<AlertChange> AppendAsync(
        SqliteConnection connection, SqliteTransaction transaction, AlertChangeKind kind, Alert alert,
        CancellationToken cancellationToken)
    {
        var sequence = await SqliteInsights.ScalarAsync(
            connection, transaction,
            "INSERT INTO alert_changes (change, alert) VALUES ($change, $alert) RETURNING sequence",
            cancellationToken,
            ("$change", AlertRules.Name(kind)), ("$alert", AlertsJsonContext.Serialize(alert, json => json.Alert)));
        await SqliteDatabase.ExecuteAsync(
            connection, transaction, "DELETE FROM alert_changes WHERE sequence <= $oldest", cancellationToken,
            ("$oldest", sequence - AlertRules.FeedLength));
        return new AlertChange(Cursor(sequence), kind, alert);
    }

    private static (string Name, object? Value)[] Parameters(Alert alert) =>
    [
        ("$id", alert.Id), ("$kind", AlertRules.Name(alert.Kind)), ("$key", alert.Key), ("$topic", alert.Topic),
        ("$department", alert.Department), ("$title", alert.Title), ("$summary", alert.Summary),
        ("$status", AlertRules.Name(alert.Status)), ("$revision", alert.Revision),
        ("$raisedAt", SqliteInsights.Timestamp(alert.RaisedAt)), ("$updatedAt", SqliteInsights.Timestamp(alert.UpdatedAt)),
        ("$ackBy", alert.AcknowledgedBy), ("$ackAt", Timestamp(alert.AcknowledgedAt)),
        ("$resolvedBy", alert.ResolvedBy), ("$resolvedAt", Timestamp(alert.ResolvedAt)),
        ("$evidence", AlertsJsonContext.Serialize(alert.Evidence, json => json.AlertEvidence)),
        ("$ticks", alert.UpdatedAt.UtcTicks),
    ];

    private static Alert ReadAlert(SqliteDataReader reader) => new(
        reader.GetString(0),
        AlertRules.Parse<AlertKind>(reader.GetString(1)),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        AlertRules.Parse<AlertStatus>(reader.GetString(7)),
        reader.GetInt32(8),
        SqliteInsights.ParseTimestamp(reader.GetString(9)),
        SqliteInsights.ParseTimestamp(reader.GetString(10)),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : SqliteInsights.ParseTimestamp(reader.GetString(12)),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : SqliteInsights.ParseTimestamp(reader.GetString(14)),
        AlertsJsonContext.Deserialize(reader.GetString(15), json => json.AlertEvidence));

    private static string? Timestamp(DateTimeOffset? at) => at is { } value ? SqliteInsights.Timestamp(value) : null;

    private static string Cursor(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sequence a cursor stands for; 0 (before everything) when there is none.</summary>
    private static long ParseCursor(string? cursor) =>
        cursor is null ? 0
        : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence
        : throw AlertRules.NotACursor(cursor);
}
