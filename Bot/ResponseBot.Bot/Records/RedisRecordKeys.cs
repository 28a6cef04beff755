using StackExchange.Redis;

namespace ResponseBot.Bot.Records;

/// <summary>
/// Every Redis key the conversation records use, in one place, under the deployment's prefix. A part that is followed
/// by another has its <c>:</c> escaped, so channel <c>a:b</c> with user <c>c</c> and channel <c>a</c> with user
/// <c>b:c</c> never share a key.
/// </summary>
/// <param name="prefix">The deployment's prefix, e.g. <c>rb:</c>.</param>
internal sealed class RedisRecordKeys(string prefix)
{
    private readonly string _root = prefix + "records:";

    /// <summary>String: one interaction's JSON, with the retention TTL.</summary>
    public RedisKey Interaction(string id) => _root + "interaction:" + id;

    /// <summary>Sorted set: every interaction id, scored by its time.</summary>
    public RedisKey Interactions => _root + "interactions";

    /// <summary>Sorted set: the interaction ids of one channel, scored by time.</summary>
    public RedisKey ChannelInteractions(string channel) => _root + "interactions:channel:" + channel;

    /// <summary>Sorted set: the interaction ids of one user, scored by time; also how a user is forgotten.</summary>
    public RedisKey UserInteractions(string channel, string userId) =>
        _root + "interactions:user:" + Escape(channel) + ":" + userId;

    /// <summary>String counter: the last feedback number handed out.</summary>
    public RedisKey FeedbackSequence => _root + "feedback-sequence";

    /// <summary>String: one verdict's JSON, with the retention TTL.</summary>
    public RedisKey Feedback(string id) => _root + "feedback:" + id;

    /// <summary>Sorted set: every feedback id, scored by time.</summary>
    public RedisKey AllFeedback => _root + "feedback-all";

    /// <summary>Sorted set: the feedback ids on one entry, scored by time.</summary>
    public RedisKey EntryFeedback(string entryId) => _root + "feedback-entry:" + entryId;

    /// <summary>Sorted set: the 不满意 feedback ids on one entry, scored by time; counted for the summary.</summary>
    public RedisKey EntryDissatisfied(string entryId) => _root + "feedback-entry-dissatisfied:" + entryId;

    /// <summary>Sorted set: every entry with feedback, scored by its newest verdict.</summary>
    public RedisKey FeedbackEntries => _root + "feedback-entries";

    /// <summary>Sorted set: the feedback ids of one user, scored by time.</summary>
    public RedisKey UserFeedback(string channel, string userId) =>
        _root + "feedback-user:" + Escape(channel) + ":" + userId;

    /// <summary>String counter: the last work-order number of one day; expires a few days later.</summary>
    public RedisKey WorkOrderCounter(string day) => _root + "workorder-counter:" + day;

    /// <summary>String: one work order's JSON; no TTL, orders are kept.</summary>
    public RedisKey WorkOrder(string id) => _root + "workorder:" + id;

    /// <summary>Sorted set: the work-order ids of a department and/or status (or all of them), scored by creation.</summary>
    public RedisKey WorkOrders(string? department, WorkOrderStatus? status) =>
        (department, status) switch
        {
            (null, null) => _root + "workorders",
            (_, null) => _root + "workorders:department:" + department,
            (null, { } s) => _root + "workorders:status:" + RecordNames.NameOf(s),
            ({ } d, { } s) => _root + "workorders:department-status:" + Escape(d) + ":" + RecordNames.NameOf(s),
        };

    /// <summary>Set: the work-order ids of one user, for forgetting them.</summary>
    public RedisKey UserWorkOrders(string channel, string userId) =>
        _root + "workorders:user:" + Escape(channel) + ":" + userId;

    private static string Escape(string part) => part.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
