using System.Globalization;
using StackExchange.Redis;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// Alerts in Redis, shared by every instance. Each alert is one JSON string; a hash maps each situation to its
/// unresolved alert, a sorted set orders alerts by their last change, and the feed is a Redis Stream (capped near
/// <see cref="AlertRules.FeedLength"/>, the cursor is the entry id) that every instance reads. Every change is one
/// MULTI/EXEC guarded by the values it was computed from (WATCH-style conditions): when another instance changed them
/// first, the change is computed again on what that instance wrote, so two instances raising one situation at once
/// produce one alert with two revisions.
/// </summary>
/// <param name="redis">The shared multiplexer.</param>
/// <param name="keyPrefix">The deployment's key prefix, e.g. <c>rb:</c>.</param>
/// <param name="timeProvider">Whose time zone dates alert ids. The times themselves are the callers'.</param>
public sealed class RedisAlertStore(IConnectionMultiplexer redis, string keyPrefix, TimeProvider timeProvider) : IAlertStore
{
    // A day's counter only has to outlive the day in every time zone the service may run in.
    private static readonly TimeSpan CounterLifetime = TimeSpan.FromDays(3);

    // Every round that fails does so because another change succeeded; this many in a row means something is wrong.
    private const int MaxAttempts = 100;

    // How many ids a listing reads at a time while it filters.
    private const int ListPage = 200;

    private const string ChangeField = "change";
    private const string AlertField = "alert";

    private readonly IConnectionMultiplexer _redis = redis ?? throw new ArgumentNullException(nameof(redis));
    private readonly RedisInsightsKeys _keys = new(keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix)));
    private readonly TimeProvider _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public async Task<AlertChange> RaiseOrUpdateAsync(AlertDraft draft, DateTimeOffset at, CancellationToken cancellationToken)
    {
        AlertRules.CheckDraft(draft);
        var database = Database;
        var day = AlertRules.AlertDay(at, _clock);
        // A number taken for a raise that another instance beat is kept for the next round, so one call uses at most one.
        string? reserved = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var openId = await database.HashGetAsync(_keys.Unresolved, draft.Key);
            var transaction = database.CreateTransaction();
            Alert changed;
            AlertChangeKind kind;
            if (openId.IsNull)
            {
                reserved ??= AlertRules.AlertId(day, await NextNumberAsync(database, day));
                changed = AlertRules.Raise(reserved, draft, at);
                kind = AlertChangeKind.Raised;
                transaction.AddCondition(Condition.HashNotExists(_keys.Unresolved, draft.Key));
                transaction.AddCondition(Condition.KeyNotExists(_keys.Alert(reserved)));
                _ = transaction.HashSetAsync(_keys.Unresolved, draft.Key, reserved);
            }
            else
            {
                var json = await database.StringGetAsync(_keys.Alert(openId.ToString()));
                if (json.IsNull)
                {
                    throw new InvalidDataException($"Situation '{draft.Key}' points at alert {openId}, which is not stored.");
                }

                changed = AlertRules.Update(Deserialize(json), draft, at);
                kind = AlertChangeKind.Updated;
                transaction.AddCondition(Condition.HashEqual(_keys.Unresolved, draft.Key, openId));
                transaction.AddCondition(Condition.StringEqual(_keys.Alert(changed.Id), json));
            }

            var cursor = Write(transaction, kind, changed);
            if (await transaction.ExecuteAsync())
            {
                return new AlertChange((await cursor).ToString(), kind, changed);
            }

            // The id is taken although the counter handed it out: the counter was lost (a restore, a flush of that key).
            if (reserved is not null && await database.KeyExistsAsync(_keys.Alert(reserved)))
            {
                reserved = null;
            }
        }

        throw new InvalidOperationException(
            $"Situation '{draft.Key}' kept changing; the alert could not be raised or updated in {MaxAttempts} attempts.");
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var json = await Database.StringGetAsync(_keys.Alert(id));
        return json.IsNull ? null : Deserialize(json);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        AlertRules.CheckQuery(query);
        var database = Database;
        var min = query.Since is { } since ? Score(since) : double.NegativeInfinity;
        var found = new List<Alert>();
        for (var skip = 0L; found.Count < query.Limit; skip += ListPage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = await database.SortedSetRangeByScoreAsync(
                _keys.ByUpdated, min, double.PositiveInfinity, Exclude.None, Order.Descending, skip, ListPage);
            var values = ids.Length == 0 ? [] : await database.StringGetAsync([.. ids.Select(id => _keys.Alert(id.ToString()))]);
            found.AddRange(values.Where(v => !v.IsNull).Select(Deserialize).Where(alert => AlertRules.Matches(query, alert)));
            if (ids.Length < ListPage)
            {
                break;
            }
        }

        // Within one page the order is the index's; the sort puts alerts changed in the same millisecond in order too.
        return [.. found.OrderByDescending(alert => alert.UpdatedAt).Take(query.Limit)];
    }

    public Task<AlertChange?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(id, alert => AlertRules.Acknowledge(alert, by, at), AlertChangeKind.Acknowledged, cancellationToken);

    public Task<AlertChange?> ResolveAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(id, alert => AlertRules.Resolve(alert, by, at), AlertChangeKind.Resolved, cancellationToken);

    public async Task<IReadOnlyList<AlertChange>> ReadFeedAsync(string? after, int max, CancellationToken cancellationToken)
    {
        AlertRules.CheckMax(max);
        cancellationToken.ThrowIfCancellationRequested();
        // "(" makes the start exclusive (Redis 6.2+): the reader has seen the entry at its cursor.
        var entries = await Database.StreamRangeAsync(
            _keys.Feed, after is null ? "-" : "(" + CheckCursor(after), "+", max, Order.Ascending);
        return [.. entries.Select(ReadChange)];
    }

    public async Task<string?> LatestCursorAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var newest = await Database.StreamRangeAsync(_keys.Feed, "-", "+", 1, Order.Descending);
        return newest.Length == 0 ? null : newest[0].Id.ToString();
    }

    public async Task<bool> TryClaimDeliveryAsync(string destination, string alertId, int revision, CancellationToken cancellationToken)
    {
        AlertRules.CheckDelivery(destination, alertId, revision);
        cancellationToken.ThrowIfCancellationRequested();
        return await Database.StringSetAsync(
            _keys.Delivery(destination, alertId, revision), 1, AlertRules.DeliveryClaimLifetime, When.NotExists);
    }

    private IDatabase Database => _redis.GetDatabase();

    /// <summary>Acknowledges or resolves: <paramref name="change"/> checks the state and gives the alert after it.</summary>
    private async Task<AlertChange?> ChangeAsync(
        string id, Func<Alert, Alert> change, AlertChangeKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var database = Database;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = await database.StringGetAsync(_keys.Alert(id));
            if (json.IsNull)
            {
                return null;
            }

            var changed = change(Deserialize(json));
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(_keys.Alert(id), json));
            if (changed.Status == AlertStatus.Resolved)
            {
                // The situation is free again: its next finding raises a new alert.
                _ = transaction.HashDeleteAsync(_keys.Unresolved, changed.Key);
            }

            var cursor = Write(transaction, kind, changed);
            if (await transaction.ExecuteAsync())
            {
                return new AlertChange((await cursor).ToString(), kind, changed);
            }
        }

        throw new InvalidOperationException($"Alert {id} kept changing; it could not be changed in {MaxAttempts} attempts.");
    }

    /// <summary>Queues the alert's new state, its place in the listing and its feed entry; the task gives the cursor.</summary>
    private Task<RedisValue> Write(ITransaction transaction, AlertChangeKind kind, Alert alert)
    {
        var json = AlertsJsonContext.Serialize(alert, context => context.Alert);
        _ = transaction.StringSetAsync(_keys.Alert(alert.Id), json);
        _ = transaction.SortedSetAddAsync(_keys.ByUpdated, alert.Id, Score(alert.UpdatedAt));
        // Approximate trimming removes whole internal nodes only, so the stream keeps at least FeedLength entries.
        return transaction.StreamAddAsync(
            _keys.Feed,
            [new NameValueEntry(ChangeField, AlertRules.Name(kind)), new NameValueEntry(AlertField, json)],
            maxLength: AlertRules.FeedLength,
            useApproximateMaxLength: true);
    }

    private async Task<long> NextNumberAsync(IDatabase database, string day)
    {
        var counter = database.CreateTransaction();
        var next = counter.StringIncrementAsync(_keys.Counter(day));
        _ = counter.KeyExpireAsync(_keys.Counter(day), CounterLifetime);
        await counter.ExecuteAsync();
        return await next;
    }

    private static AlertChange ReadChange(StreamEntry entry) => new(
        entry.Id.ToString(),
        AlertRules.Parse<AlertChangeKind>(entry[ChangeField].ToString()),
        Deserialize(entry[AlertField]));

    private static double Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static Alert Deserialize(RedisValue json) => AlertsJsonContext.Deserialize(json.ToString(), context => context.Alert);

    /// <summary>A stream id, <c>milliseconds-sequence</c>; anything else would make Redis refuse the whole read.</summary>
    private static string CheckCursor(string cursor)
    {
        var parts = cursor.Split('-');
        return parts.Length == 2 && parts.All(part => ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? cursor
            : throw AlertRules.NotACursor(cursor);
    }
}
