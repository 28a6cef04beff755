using ResponseBot.Bot.Records;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.Records;

/// <summary>The records contract on the test Redis, under a key prefix of its own for each test.</summary>
public sealed class RedisConversationRecordsTests : ConversationRecordsContract
{
    private string _prefix = null!;

    protected override void CreateStorage() => _prefix = TestRedis.NewPrefix();

    protected override IConversationRecords Open() => new RedisConversationRecords(TestRedis.Connect(), _prefix, Clock);

    protected override void DeleteStorage()
    {
        var redis = TestRedis.Connect();
        var database = redis.GetDatabase();
        foreach (var server in redis.GetServers())
        {
            foreach (var key in server.Keys(database.Database, $"{_prefix}*"))
            {
                database.KeyDelete(key);
            }
        }
    }

    [Test]
    public async Task Records_InteractionsAndFeedbackExpireAfterRetention_WorkOrdersAreKept()
    {
        var retention = TimeSpan.FromDays(30);
        var records = new RedisConversationRecords(TestRedis.Connect(), _prefix, Clock, retention);
        var keys = new RedisRecordKeys(_prefix);
        var database = TestRedis.Connect().GetDatabase();

        await records.AddInteractionAsync(NewInteraction("wechat:1", Now), CancellationToken.None);
        await records.AddFeedbackAsync(new Feedback("wechat", "user-a", "enterprise-cloud", 1, true, Now), CancellationToken.None);
        var order = await records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);

        var feedbackId = (await database.SortedSetRangeByRankAsync(keys.AllFeedback)).Single().ToString();
        var interactionTtl = await database.KeyTimeToLiveAsync(keys.Interaction("wechat:1"));
        var feedbackTtl = await database.KeyTimeToLiveAsync(keys.Feedback(feedbackId));
        var userIndexTtl = await database.KeyTimeToLiveAsync(keys.UserInteractions("wechat", "user-a"));
        var orderTtl = await database.KeyTimeToLiveAsync(keys.WorkOrder(order.Id));
        var orderIndexTtl = await database.KeyTimeToLiveAsync(keys.WorkOrders("sme", null));
        var counterTtl = await database.KeyTimeToLiveAsync(keys.WorkOrderCounter("20261127"));
        Assert.Multiple(() =>
        {
            Assert.That(interactionTtl, Is.GreaterThan(retention - TimeSpan.FromMinutes(1)).And.LessThanOrEqualTo(retention));
            Assert.That(feedbackTtl, Is.GreaterThan(retention - TimeSpan.FromMinutes(1)).And.LessThanOrEqualTo(retention));
            Assert.That(userIndexTtl, Is.GreaterThan(retention - TimeSpan.FromMinutes(1)).And.LessThanOrEqualTo(retention));
            Assert.That(orderTtl, Is.Null, "work orders are kept");
            Assert.That(orderIndexTtl, Is.Null, "work-order indexes are kept");
            Assert.That(counterTtl, Is.GreaterThan(TimeSpan.FromDays(1)).And.LessThanOrEqualTo(TimeSpan.FromDays(7)));
        });
    }

    [Test]
    public async Task ListAndSummarize_RecordsOlderThanRetention_AreLeftOutAndTrimmedOnWrite()
    {
        var retention = TimeSpan.FromDays(30);
        var records = new RedisConversationRecords(TestRedis.Connect(), _prefix, Clock, retention);
        var keys = new RedisRecordKeys(_prefix);
        await records.AddInteractionAsync(NewInteraction("old", Now), CancellationToken.None);
        await records.AddFeedbackAsync(new Feedback("wechat", "user-a", "old-entry", 1, false, Now), CancellationToken.None);

        Clock.Advance(TimeSpan.FromDays(31));
        var recent = NewInteraction("recent", Now.AddDays(31), "wechat", "user-b");
        await records.AddInteractionAsync(recent, CancellationToken.None);
        await records.AddFeedbackAsync(new Feedback("wechat", "user-b", "new-entry", 1, true, Now.AddDays(31)), CancellationToken.None);

        var interactions = await records.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        var oldUser = await records.ListInteractionsAsync("wechat", "user-a", 10, CancellationToken.None);
        var feedback = await records.ListFeedbackAsync(null, 10, CancellationToken.None);
        var summary = await records.SummarizeFeedbackAsync(CancellationToken.None);
        var indexed = await TestRedis.Connect().GetDatabase().SortedSetRangeByRankAsync(keys.Interactions);
        Assert.Multiple(() =>
        {
            Assert.That(interactions, Is.EqualTo(new[] { recent }));
            Assert.That(oldUser, Is.Empty);
            Assert.That(feedback.Select(f => f.EntryId), Is.EqualTo(new[] { "new-entry" }));
            Assert.That(summary, Is.EqualTo(new[] { new FeedbackSummary("new-entry", 1, 0) }));
            Assert.That(indexed.Select(id => id.ToString()), Is.EqualTo(new[] { "recent" }), "the write trimmed the index");
        });
    }

    [Test]
    public void Keys_UserKeysOfDifferentChannelAndUserSplits_NeverCollide()
    {
        var keys = new RedisRecordKeys("rb:");

        Assert.Multiple(() =>
        {
            Assert.That(keys.UserInteractions("a:b", "c"), Is.Not.EqualTo(keys.UserInteractions("a", "b:c")));
            Assert.That(keys.UserFeedback("a:b", "c"), Is.Not.EqualTo(keys.UserFeedback("a", "b:c")));
            Assert.That(keys.UserWorkOrders("a:b", "c"), Is.Not.EqualTo(keys.UserWorkOrders("a", "b:c")));
            Assert.That(keys.Interaction("x").ToString(), Does.StartWith("rb:"));
        });
    }
}
