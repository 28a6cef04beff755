using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace ResponseBot.Bot.Records;

/// <summary>
/// Conversation records in Redis, shared by every instance. Each record is one JSON string; sorted sets scored by
/// time index them for the listings, and per-user indexes let a user be forgotten. Work orders are kept for good;
/// interactions and feedback for <c>retention</c>, through a TTL on each record and by trimming the indexes by score
/// whenever they are written.
/// </summary>
/// <param name="redis">The shared multiplexer.</param>
/// <param name="keyPrefix">The deployment's key prefix, e.g. <c>rb:</c>.</param>
/// <param name="timeProvider">The clock for retention and for numbering work orders by local date.</param>
/// <param name="retention">How long interactions and feedback are kept; <see cref="DefaultRetention"/> when omitted.</param>
public sealed class RedisConversationRecords(
    IConnectionMultiplexer redis, string keyPrefix, TimeProvider timeProvider, TimeSpan? retention = null) : IConversationRecords
{
    /// <summary>How long interactions and feedback are kept unless the constructor says otherwise: a year and a bit,
    /// so a report can compare a month with the same month a year before.</summary>
    public static TimeSpan DefaultRetention { get; } = TimeSpan.FromDays(400);

    // A day's counter only has to outlive the day in every time zone the service may run in.
    private static readonly TimeSpan CounterLifetime = TimeSpan.FromDays(3);

    // Forgetting retries when the user writes meanwhile; more than a few rounds means something is wrong.
    private const int ForgetAttempts = 5;

    private readonly IConnectionMultiplexer _redis = redis ?? throw new ArgumentNullException(nameof(redis));
    private readonly RedisRecordKeys _keys = new(keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix)));
    private readonly TimeProvider _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private readonly TimeSpan _retention = retention is { } r && r <= TimeSpan.Zero
        ? throw new ArgumentOutOfRangeException(nameof(retention), r, "Retention must be positive.")
        : retention ?? DefaultRetention;

    public async Task<bool> AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentException.ThrowIfNullOrEmpty(interaction.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var key = _keys.Interaction(interaction.Id);
        var score = Score(interaction.At);
        var transaction = Database.CreateTransaction();
        // Two instances handling two deliveries of one message: the first to commit stores it, the other finds the key.
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.StringSetAsync(key, Serialize(interaction, RecordsJsonContext.Stored.Interaction), _retention, When.NotExists);
        _ = transaction.SortedSetAddAsync(_keys.Interactions, interaction.Id, score);
        Index(transaction, _keys.ChannelInteractions(interaction.Channel), interaction.Id, score);
        Index(transaction, _keys.UserInteractions(interaction.Channel, interaction.UserId), interaction.Id, score);
        Trim(transaction, _keys.Interactions);
        return await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<Interaction>> ListInteractionsAsync(
        string? channel, string? userId, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckInteractionFilter(channel, userId, limit);
        cancellationToken.ThrowIfCancellationRequested();
        var index = channel is null ? _keys.Interactions
            : userId is null ? _keys.ChannelInteractions(channel)
            : _keys.UserInteractions(channel, userId);
        return await ReadNewestAsync(index, _keys.Interaction, RecordsJsonContext.Stored.Interaction, limit, retained: true);
    }

    public async Task AddFeedbackAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        cancellationToken.ThrowIfCancellationRequested();
        var database = Database;
        // Zero-padded so that verdicts in the same millisecond still list newest first (members of equal score sort
        // by their bytes).
        var id = (await database.StringIncrementAsync(_keys.FeedbackSequence)).ToString("D12", CultureInfo.InvariantCulture);
        var score = Score(feedback.At);
        var transaction = database.CreateTransaction();
        _ = transaction.StringSetAsync(_keys.Feedback(id), Serialize(feedback, RecordsJsonContext.Stored.Feedback), _retention);
        _ = transaction.SortedSetAddAsync(_keys.AllFeedback, id, score);
        Index(transaction, _keys.EntryFeedback(feedback.EntryId), id, score);
        if (!feedback.Satisfied)
        {
            Index(transaction, _keys.EntryDissatisfied(feedback.EntryId), id, score);
        }

        Index(transaction, _keys.UserFeedback(feedback.Channel, feedback.UserId), id, score);
        _ = transaction.SortedSetAddAsync(_keys.FeedbackEntries, feedback.EntryId, score, SortedSetWhen.GreaterThan);
        Trim(transaction, _keys.AllFeedback);
        Trim(transaction, _keys.FeedbackEntries);
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<Feedback>> ListFeedbackAsync(string? entryId, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckLimit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var index = entryId is null ? _keys.AllFeedback : _keys.EntryFeedback(entryId);
        return await ReadNewestAsync(index, _keys.Feedback, RecordsJsonContext.Stored.Feedback, limit, retained: true);
    }

    public async Task<IReadOnlyList<FeedbackSummary>> SummarizeFeedbackAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var database = Database;
        var cutoff = Cutoff();
        var entries = await database.SortedSetRangeByScoreAsync(_keys.FeedbackEntries, cutoff);
        var batch = database.CreateBatch();
        var counts = entries
            .Select(e => (
                EntryId: e.ToString(),
                All: batch.SortedSetLengthAsync(_keys.EntryFeedback(e.ToString()), cutoff),
                Dissatisfied: batch.SortedSetLengthAsync(_keys.EntryDissatisfied(e.ToString()), cutoff)))
            .ToList();
        batch.Execute();
        var summaries = new List<FeedbackSummary>(counts.Count);
        foreach (var (entryId, all, dissatisfied) in counts)
        {
            var no = (int)await dissatisfied;
            var yes = (int)await all - no;
            // An entry whose every verdict was forgotten or has expired has nothing to report.
            if (yes + no > 0)
            {
                summaries.Add(new FeedbackSummary(entryId, yes, no));
            }
        }

        return
        [
            .. summaries
                .OrderByDescending(s => s.Dissatisfied)
                .ThenBy(s => s.Satisfied)
                .ThenBy(s => s.EntryId, StringComparer.Ordinal),
        ];
    }

    public async Task<WorkOrder> CreateWorkOrderAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var database = Database;
        var day = RecordQueries.WorkOrderDay(_clock);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var counter = database.CreateTransaction();
            var next = counter.StringIncrementAsync(_keys.WorkOrderCounter(day));
            _ = counter.KeyExpireAsync(_keys.WorkOrderCounter(day), CounterLifetime);
            await counter.ExecuteAsync();

            var created = order with { Id = RecordQueries.WorkOrderId(day, await next) };
            var key = _keys.WorkOrder(created.Id);
            var score = Score(created.CreatedAt);
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(key));
            _ = transaction.StringSetAsync(key, Serialize(created, RecordsJsonContext.Stored.WorkOrder), expiry: null, When.NotExists);
            _ = transaction.SortedSetAddAsync(_keys.WorkOrders(null, null), created.Id, score);
            _ = transaction.SortedSetAddAsync(_keys.WorkOrders(created.Department, null), created.Id, score);
            _ = transaction.SortedSetAddAsync(_keys.WorkOrders(null, created.Status), created.Id, score);
            _ = transaction.SortedSetAddAsync(_keys.WorkOrders(created.Department, created.Status), created.Id, score);
            if (!string.IsNullOrEmpty(created.UserId))
            {
                _ = transaction.SetAddAsync(_keys.UserWorkOrders(created.Channel, created.UserId), created.Id);
            }

            if (await transaction.ExecuteAsync())
            {
                return created;
            }

            // The number is taken although the counter handed it out: the counter was lost (a restore, a flush of
            // that key). Numbers are cheap; take the next one.
        }
    }

    public async Task<WorkOrder?> GetWorkOrderAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var json = await Database.StringGetAsync(_keys.WorkOrder(id));
        return json.IsNull ? null : Deserialize(json, RecordsJsonContext.Stored.WorkOrder);
    }

    public async Task<IReadOnlyList<WorkOrder>> ListWorkOrdersAsync(
        string? department, WorkOrderStatus? status, int limit, CancellationToken cancellationToken)
    {
        RecordQueries.CheckLimit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return await ReadNewestAsync(
            _keys.WorkOrders(department, status), _keys.WorkOrder, RecordsJsonContext.Stored.WorkOrder, limit, retained: false);
    }

    public async Task<int> ForgetUserAsync(string channel, string userId, CancellationToken cancellationToken)
    {
        RecordQueries.CheckUser(channel, userId);
        var database = Database;
        var userInteractions = _keys.UserInteractions(channel, userId);
        var userFeedback = _keys.UserFeedback(channel, userId);
        var userOrders = _keys.UserWorkOrders(channel, userId);
        for (var attempt = 1; attempt <= ForgetAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var interactionIds = await database.SortedSetRangeByRankAsync(userInteractions);
            var feedbackIds = await database.SortedSetRangeByRankAsync(userFeedback);
            var feedback = await ReadAsync(feedbackIds, _keys.Feedback, RecordsJsonContext.Stored.Feedback);
            var orderIds = await database.SetMembersAsync(userOrders);
            var orders = (await ReadAsync(orderIds, _keys.WorkOrder, RecordsJsonContext.Stored.WorkOrder))
                .OfType<WorkOrder>()
                .ToList();

            var transaction = database.CreateTransaction();
            // Whatever the user does meanwhile (a last message, a verdict, a hand-off) changes one of these, and the
            // round starts again, so nothing of theirs is left behind.
            transaction.AddCondition(Condition.SortedSetLengthEqual(userInteractions, interactionIds.Length));
            transaction.AddCondition(Condition.SortedSetLengthEqual(userFeedback, feedbackIds.Length));
            transaction.AddCondition(Condition.SetLengthEqual(userOrders, orderIds.Length));

            var deletedInteractions = DeleteIndexed(
                transaction, interactionIds, _keys.Interaction, _keys.Interactions, _keys.ChannelInteractions(channel));
            var deletedFeedback = DeleteIndexed(transaction, feedbackIds, _keys.Feedback, _keys.AllFeedback);
            for (var i = 0; i < feedbackIds.Length; i++)
            {
                if (feedback[i] is { } verdict)
                {
                    _ = transaction.SortedSetRemoveAsync(_keys.EntryFeedback(verdict.EntryId), feedbackIds[i]);
                    _ = transaction.SortedSetRemoveAsync(_keys.EntryDissatisfied(verdict.EntryId), feedbackIds[i]);
                }
            }

            // The matter stays with the department; who raised it and how to reach them do not.
            foreach (var order in orders)
            {
                var anonymous = order with { UserId = string.Empty, Contacts = [] };
                _ = transaction.StringSetAsync(_keys.WorkOrder(order.Id), Serialize(anonymous, RecordsJsonContext.Stored.WorkOrder));
            }

            _ = transaction.KeyDeleteAsync([userInteractions, userFeedback, userOrders]);
            if (await transaction.ExecuteAsync())
            {
                return (int)(await deletedInteractions + await deletedFeedback) + orders.Count;
            }
        }

        throw new InvalidOperationException(
            $"The user's records kept changing; they could not be forgotten in {ForgetAttempts} attempts.");
    }

    private IDatabase Database => _redis.GetDatabase();

    private static double Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>The score below which interactions and feedback are past retention.</summary>
    private double Cutoff() => Score(_clock.GetUtcNow() - _retention);

    /// <summary>Adds to a per-user or per-entry index, which lives as long as its newest member and is trimmed.</summary>
    private void Index(ITransaction transaction, RedisKey index, RedisValue id, double score)
    {
        _ = transaction.SortedSetAddAsync(index, id, score);
        _ = transaction.KeyExpireAsync(index, _retention);
        Trim(transaction, index);
    }

    private void Trim(ITransaction transaction, RedisKey index) =>
        _ = transaction.SortedSetRemoveRangeByScoreAsync(index, double.NegativeInfinity, Cutoff(), Exclude.Stop);

    /// <summary>Deletes records and their ids from the given indexes; the task gives how many records were deleted.</summary>
    private static Task<long> DeleteIndexed(
        ITransaction transaction, RedisValue[] ids, Func<string, RedisKey> recordKey, params RedisKey[] indexes)
    {
        if (ids.Length == 0)
        {
            return Task.FromResult(0L);
        }

        foreach (var index in indexes)
        {
            _ = transaction.SortedSetRemoveAsync(index, ids);
        }

        return transaction.KeyDeleteAsync([.. ids.Select(id => recordKey(id.ToString()))]);
    }

    /// <summary>The newest records of an index, at most <paramref name="limit"/>; retained ones only if asked.</summary>
    private async Task<IReadOnlyList<T>> ReadNewestAsync<T>(
        RedisKey index, Func<string, RedisKey> recordKey, JsonTypeInfo<T> type, int limit, bool retained)
        where T : class
    {
        var ids = await Database.SortedSetRangeByScoreAsync(
            index, retained ? Cutoff() : double.NegativeInfinity, double.PositiveInfinity, Exclude.None, Order.Descending, 0, limit);
        // A record can vanish between the two reads (forgotten, or expired a moment after the cutoff): skip it.
        return [.. (await ReadAsync(ids, recordKey, type)).OfType<T>()];
    }

    /// <summary>The records of <paramref name="ids"/> in order, <see langword="null"/> where one is gone.</summary>
    private async Task<T?[]> ReadAsync<T>(RedisValue[] ids, Func<string, RedisKey> recordKey, JsonTypeInfo<T> type)
        where T : class
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Database.StringGetAsync([.. ids.Select(id => recordKey(id.ToString()))]);
        return [.. values.Select(v => v.IsNull ? null : Deserialize(v, type))];
    }

    private static string Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    private static T Deserialize<T>(RedisValue json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize((string)json!, type) ?? throw new InvalidDataException("A stored record is null.");
}
