using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Storage;
using ResponseBot.Integration.Tests.Redis;
using StackExchange.Redis;

namespace ResponseBot.Integration.Tests.Alerts;

/// <summary>The alert storage contract on the test Redis, under a key prefix of its own for each test.</summary>
public sealed class RedisAlertStorageTests : AlertStorageContract
{
    private string _prefix = null!;

    protected override void CreateStorage() => _prefix = TestRedis.NewPrefix();

    protected override IAlertStore OpenAlerts() => new RedisAlertStore(TestRedis.Connect(), _prefix, Clock);

    protected override IInquiryStatistics OpenStatistics() => new RedisInquiryStatistics(TestRedis.Connect(), _prefix);

    protected override void DeleteStorage() => DeleteKeys(_prefix);

    /// <summary>Deletes every key under <paramref name="prefix"/> in the test Redis.</summary>
    internal static void DeleteKeys(string prefix)
    {
        var redis = TestRedis.Connect();
        var database = redis.GetDatabase();
        database.KeyDelete([.. redis.GetServers().SelectMany(server => server.Keys(database.Database, $"{prefix}*"))]);
    }

    [Test]
    public async Task Feed_TwoInstancesOnTheirOwnConnections_SeeTheSameChanges()
    {
        using var otherConnection = await ConnectionMultiplexer.ConnectAsync(TestRedis.ConnectionString);
        var first = OpenAlerts();
        var second = new RedisAlertStore(otherConnection, _prefix, Clock);

        var raised = await first.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        var updated = await second.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddMinutes(1), CancellationToken.None);
        var acknowledged = await first.AcknowledgeAsync(raised.Alert.Id, "a", Now.AddMinutes(2), CancellationToken.None);

        var seenByFirst = await first.ReadFeedAsync(null, 10, CancellationToken.None);
        var seenBySecond = await second.ReadFeedAsync(null, 10, CancellationToken.None);
        var latestOfSecond = await second.LatestCursorAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(updated.Alert.Id, Is.EqualTo(raised.Alert.Id));
            Assert.That(seenBySecond.Select(c => c.Cursor), Is.EqualTo(seenByFirst.Select(c => c.Cursor)));
            Assert.That(seenBySecond.Select(c => (c.Change, c.Alert.Revision)), Is.EqualTo(new[]
            {
                (AlertChangeKind.Raised, 1), (AlertChangeKind.Updated, 2), (AlertChangeKind.Acknowledged, 3),
            }));
            Assert.That(latestOfSecond, Is.EqualTo(acknowledged?.Cursor));
        });
    }

    [Test]
    public async Task Stores_WhatTheyKeep_CarriesATimeToLiveExceptAlertsAndTheirIndexes()
    {
        var keys = new RedisInsightsKeys(_prefix);
        var database = TestRedis.Connect().GetDatabase();
        var raised = await OpenAlerts().RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        await OpenAlerts().TryClaimDeliveryAsync("wecom", raised.Alert.Id, 1, CancellationToken.None);
        await OpenStatistics().RecordAsync(Signal(Now, "nev", negative: true), CancellationToken.None);

        var delivery = await database.KeyTimeToLiveAsync(keys.Delivery("wecom", raised.Alert.Id, 1));
        var counts = await database.KeyTimeToLiveAsync(keys.Counts(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero)));
        var complaints = await database.KeyTimeToLiveAsync(keys.Complaints("user-a"));
        var samples = await database.KeyTimeToLiveAsync(keys.TopicSamples("nev"));
        var counter = await database.KeyTimeToLiveAsync(keys.Counter("20261127"));
        var alert = await database.KeyTimeToLiveAsync(keys.Alert(raised.Alert.Id));
        var feedLength = await database.StreamLengthAsync(keys.Feed);
        Assert.Multiple(() =>
        {
            Assert.That(delivery, Is.GreaterThan(TimeSpan.FromDays(29)).And.LessThanOrEqualTo(TimeSpan.FromDays(30)));
            Assert.That(counts, Is.GreaterThan(TimeSpan.FromDays(399)).And.LessThanOrEqualTo(TimeSpan.FromDays(400)));
            Assert.That(complaints, Is.GreaterThan(TimeSpan.FromDays(29)).And.LessThanOrEqualTo(TimeSpan.FromDays(30)));
            Assert.That(samples, Is.GreaterThan(TimeSpan.FromDays(29)).And.LessThanOrEqualTo(TimeSpan.FromDays(30)));
            Assert.That(counter, Is.GreaterThan(TimeSpan.FromDays(1)).And.LessThanOrEqualTo(TimeSpan.FromDays(7)));
            Assert.That(alert, Is.Null, "alerts are kept");
            Assert.That(feedLength, Is.EqualTo(1));
        });
    }

    [Test]
    public void Keys_DeliveriesOfDifferentSplits_NeverCollide()
    {
        var keys = new RedisInsightsKeys("rb:");

        Assert.Multiple(() =>
        {
            Assert.That(keys.Delivery("a:b", "c", 1), Is.Not.EqualTo(keys.Delivery("a", "b:c", 1)));
            Assert.That(keys.Alert("x").ToString(), Does.StartWith("rb:"));
            Assert.That(keys.Counts(DateTimeOffset.UnixEpoch).ToString(), Does.StartWith("rb:"));
        });
    }
}
