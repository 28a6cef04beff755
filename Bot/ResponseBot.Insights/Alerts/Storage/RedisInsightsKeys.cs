using System.Globalization;
using StackExchange.Redis;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// Every Redis key the alerts and the detectors' statistics use, in one place, under the deployment's prefix. A part
/// that is followed by another has its <c>:</c> escaped, so no two parts can be split into the same key.
/// </summary>
/// <param name="prefix">The deployment's prefix, e.g. <c>rb:</c>.</param>
internal sealed class RedisInsightsKeys(string prefix)
{
    private readonly string _alerts = prefix + "alerts:";
    private readonly string _statistics = prefix + "inquiries:";

    /// <summary>String: one alert's JSON; no TTL, alerts are kept.</summary>
    public RedisKey Alert(string id) => _alerts + "alert:" + id;

    /// <summary>Hash: situation key → the id of its unresolved alert; an entry goes when the alert is resolved.</summary>
    public RedisKey Unresolved => _alerts + "unresolved";

    /// <summary>Sorted set: every alert id, scored by when it last changed (Unix milliseconds).</summary>
    public RedisKey ByUpdated => _alerts + "by-updated";

    /// <summary>Stream: the feed, one entry per change, capped near <see cref="AlertRules.FeedLength"/>.</summary>
    public RedisKey Feed => _alerts + "feed";

    /// <summary>String counter: the last alert number of one day; expires a few days later.</summary>
    public RedisKey Counter(string day) => _alerts + "counter:" + day;

    /// <summary>String, set once with a TTL: the claim on sending one change of one alert to one destination.</summary>
    public RedisKey Delivery(string destination, string alertId, int revision) =>
        _alerts + "delivery:" + Escape(destination) + ":" + Escape(alertId) + ":" + revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Hash per bucket (its start in Unix seconds): <see cref="TotalField"/> and <see cref="NegativeField"/> of every
    /// topic counted in it, with a TTL of the count retention.
    /// </summary>
    public RedisKey Counts(DateTimeOffset bucketStart) =>
        _statistics + "counts:" + bucketStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The field of a bucket's hash that counts a topic's inquiries.</summary>
    public static RedisValue TotalField(string topic) => "total:" + topic;

    /// <summary>The field of a bucket's hash that counts a topic's negative inquiries.</summary>
    public static RedisValue NegativeField(string topic) => "negative:" + topic;

    /// <summary>Sorted set: one subject's complaints, scored by time (Unix milliseconds), trimmed to the retention.</summary>
    public RedisKey Complaints(string subject) => _statistics + "complaints:" + subject;

    /// <summary>List: the newest negative samples of a topic (<c>all</c> holds every topic's), JSON, capped.</summary>
    public RedisKey TopicSamples(string topic) => _statistics + "samples:topic:" + topic;

    /// <summary>List: the newest negative samples of a subject or company, JSON, capped.</summary>
    public RedisKey SubjectSamples(string subject) => _statistics + "samples:subject:" + subject;

    private static string Escape(string part) =>
        part.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
