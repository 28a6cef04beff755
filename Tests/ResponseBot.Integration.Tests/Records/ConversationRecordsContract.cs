using ResponseBot.Bot.Records;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Integration.Tests.Records;

/// <summary>
/// What every <see cref="IConversationRecords"/> must do, whatever it stores in. Each provider derives a fixture that
/// gives every test fresh, empty storage and can open further instances over the same storage.
/// </summary>
[Category("Integration")]
public abstract class ConversationRecordsContract
{
    /// <summary>01:30 in China on 27 November, still the 26th in UTC: ids must follow the local date.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 27, 1, 30, 0, TimeSpan.FromHours(8));

    private IConversationRecords _records = null!;

    internal RecordsClock Clock { get; private set; } = null!;

    [SetUp]
    public void OpenRecords()
    {
        Clock = new RecordsClock(Now);
        CreateStorage();
        _records = Open();
    }

    [TearDown]
    public void RemoveStorage() => DeleteStorage();

    /// <summary>Makes fresh, empty storage for one test.</summary>
    protected abstract void CreateStorage();

    /// <summary>A new instance over the test's storage, on <see cref="Clock"/>: what another process or a restart sees.</summary>
    protected abstract IConversationRecords Open();

    /// <summary>Closes every instance and removes the test's storage.</summary>
    protected abstract void DeleteStorage();

    [Test]
    public async Task AddInteraction_New_ReturnsTrueAndRoundTripsEveryField()
    {
        var full = NewInteraction("wechat:1001", Now.AddMinutes(-2));
        var sparse = new Interaction(
            "wechat:1002", "wechat", "user-a", Now.AddMinutes(-1), InboundKind.Subscribe, string.Empty, ReplyKind.Welcome,
            "欢迎关注", EntryId: null, Score: null, Department: null, ElapsedMilliseconds: 0);

        var storedFull = await _records.AddInteractionAsync(full, CancellationToken.None);
        var storedSparse = await _records.AddInteractionAsync(sparse, CancellationToken.None);

        var listed = await _records.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(storedFull && storedSparse, Is.True);
            Assert.That(listed, Is.EqualTo(new[] { sparse, full }));
            // Record equality compares instants only; the offset a record was written with must come back too.
            Assert.That(listed.Select(i => i.At.Offset), Has.All.EqualTo(TimeSpan.FromHours(8)));
        });
    }

    [Test]
    public async Task AddInteraction_SameIdTwice_IgnoresTheSecond()
    {
        var first = NewInteraction("wechat:2001", Now);
        var retry = first with { ReplyText = "a different reply", At = Now.AddSeconds(5) };

        var storedFirst = await _records.AddInteractionAsync(first, CancellationToken.None);
        var storedRetry = await _records.AddInteractionAsync(retry, CancellationToken.None);

        var listed = await _records.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(storedFirst, Is.True);
            Assert.That(storedRetry, Is.False);
            Assert.That(listed, Is.EqualTo(new[] { first }));
        });
    }

    [Test]
    public async Task AddInteraction_SameIdFromTwentyTasksOnTwoInstances_StoresItOnce()
    {
        var second = Open();
        var interaction = NewInteraction("wechat:3001", Now);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _records : second).AddInteractionAsync(interaction with { ElapsedMilliseconds = i }, CancellationToken.None))));

        var listed = await _records.ListInteractionsAsync(null, null, 50, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(results.Count(stored => stored), Is.EqualTo(1));
            Assert.That(listed, Has.Count.EqualTo(1));
            Assert.That(listed[0].Id, Is.EqualTo(interaction.Id));
            // The one stored is the one whose call said so: the first to commit, not a later writer's copy.
            Assert.That(results[listed[0].ElapsedMilliseconds], Is.True);
        });
    }

    [Test]
    public async Task ListInteractions_NoFilter_ListsNewestFirstUpToTheLimit()
    {
        int[] minutesAgo = [30, 5, 50, 1, 20];
        foreach (var minutes in minutesAgo)
        {
            await _records.AddInteractionAsync(NewInteraction($"wechat:{minutes}", Now.AddMinutes(-minutes)), CancellationToken.None);
        }

        var newest = await _records.ListInteractionsAsync(null, null, 3, CancellationToken.None);
        var all = await _records.ListInteractionsAsync(null, null, 500, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(newest.Select(i => i.Id), Is.EqualTo(new[] { "wechat:1", "wechat:5", "wechat:20" }));
            Assert.That(all.Select(i => i.Id), Is.EqualTo(new[] { "wechat:1", "wechat:5", "wechat:20", "wechat:30", "wechat:50" }));
        });
    }

    [Test]
    public async Task ListInteractions_ByChannelOrUser_ListsOnlyThose()
    {
        await _records.AddInteractionAsync(NewInteraction("a1", Now.AddMinutes(-3), "wechat", "user-a"), CancellationToken.None);
        await _records.AddInteractionAsync(NewInteraction("b1", Now.AddMinutes(-2), "wechat", "user-b"), CancellationToken.None);
        await _records.AddInteractionAsync(NewInteraction("h1", Now.AddMinutes(-1), "hotline", "user-a"), CancellationToken.None);
        await _records.AddInteractionAsync(NewInteraction("a2", Now, "wechat", "user-a"), CancellationToken.None);

        var userA = await _records.ListInteractionsAsync("wechat", "user-a", 10, CancellationToken.None);
        var wechat = await _records.ListInteractionsAsync("wechat", null, 10, CancellationToken.None);
        var nobody = await _records.ListInteractionsAsync("wechat", "user-z", 10, CancellationToken.None);
        var userALatest = await _records.ListInteractionsAsync("wechat", "user-a", 1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(userA.Select(i => i.Id), Is.EqualTo(new[] { "a2", "a1" }));
            Assert.That(wechat.Select(i => i.Id), Is.EqualTo(new[] { "a2", "b1", "a1" }));
            Assert.That(nobody, Is.Empty);
            Assert.That(userALatest.Select(i => i.Id), Is.EqualTo(new[] { "a2" }));
        });
    }

    [Test]
    public async Task ListInteractions_UserWithoutChannel_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _records.ListInteractionsAsync(null, "user-a", 10, CancellationToken.None));

    [Test]
    public async Task Listings_LimitBelowOne_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _records.ListInteractionsAsync(null, null, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _records.ListFeedbackAsync(null, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _records.ListWorkOrdersAsync(null, null, -1, CancellationToken.None));
    }

    [Test]
    public async Task ListFeedback_ListsNewestFirstByEntryUpToTheLimit_RoundTripsEveryField()
    {
        var oldest = new Feedback("wechat", "user-a", "enterprise-cloud", 3, true, Now.AddHours(-3));
        var middle = new Feedback("wechat", "user-b", "sme-loan", null, false, Now.AddHours(-2));
        var newest = new Feedback("hotline", "user-c", "enterprise-cloud", 4, false, Now.AddHours(-1));
        foreach (var feedback in new[] { middle, newest, oldest })
        {
            await _records.AddFeedbackAsync(feedback, CancellationToken.None);
        }

        var all = await _records.ListFeedbackAsync(null, 10, CancellationToken.None);
        var cloud = await _records.ListFeedbackAsync("enterprise-cloud", 10, CancellationToken.None);
        var latest = await _records.ListFeedbackAsync(null, 1, CancellationToken.None);
        var none = await _records.ListFeedbackAsync("no-such-entry", 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EqualTo(new[] { newest, middle, oldest }));
            Assert.That(all.Select(f => f.At.Offset), Has.All.EqualTo(TimeSpan.FromHours(8)));
            Assert.That(cloud, Is.EqualTo(new[] { newest, oldest }));
            Assert.That(latest, Is.EqualTo(new[] { newest }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task SummarizeFeedback_SumsPerEntry_MostDissatisfiedFirst()
    {
        await AddVerdictsAsync("mostly-liked", yes: 3, no: 1);
        await AddVerdictsAsync("disliked", yes: 0, no: 2);
        await AddVerdictsAsync("mixed", yes: 2, no: 2);
        await AddVerdictsAsync("liked", yes: 1, no: 0);

        var summary = await _records.SummarizeFeedbackAsync(CancellationToken.None);

        Assert.That(summary, Is.EqualTo(new[]
        {
            new FeedbackSummary("disliked", 0, 2),
            new FeedbackSummary("mixed", 2, 2),
            new FeedbackSummary("mostly-liked", 3, 1),
            new FeedbackSummary("liked", 1, 0),
        }));
    }

    [Test]
    public async Task SummarizeFeedback_NoFeedback_IsEmpty()
    {
        var summary = await _records.SummarizeFeedbackAsync(CancellationToken.None);

        Assert.That(summary, Is.Empty);
    }

    [Test]
    public async Task CreateWorkOrder_NumbersOrdersPerLocalDay_IgnoringTheGivenId()
    {
        var first = await _records.CreateWorkOrderAsync(NewOrder("sme") with { Id = "WO-ignored" }, CancellationToken.None);
        var second = await _records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await _records.CreateWorkOrderAsync(NewOrder("credit"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo("WO-20261127-0001"));
            Assert.That(second.Id, Is.EqualTo("WO-20261127-0002"));
            Assert.That(nextDay.Id, Is.EqualTo("WO-20261128-0001"));
        });
    }

    [Test]
    public async Task CreateWorkOrder_FiftyTasksOnTwoInstances_GivesFiftyDifferentIds()
    {
        var second = Open();

        var created = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _records : second).CreateWorkOrderAsync(NewOrder("sme", createdAt: Now.AddSeconds(i)), CancellationToken.None))));

        var listed = await _records.ListWorkOrdersAsync(null, null, 100, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(created.Select(o => o.Id), Is.Unique);
            Assert.That(
                created.Select(o => o.Id).Order(StringComparer.Ordinal),
                Is.EqualTo(Enumerable.Range(1, 50).Select(n => $"WO-20261127-{n:D4}")));
            Assert.That(listed.Select(o => o.Id), Is.EquivalentTo(created.Select(o => o.Id)));
        });
    }

    [Test]
    public async Task GetWorkOrder_Created_RoundTripsEveryField()
    {
        var order = new WorkOrder(
            "ignored", "wechat", "oUser-42", "credit", HandoffReason.RepeatedFallback, "失信修复要多久？",
            [
                new TranscriptLine(Now.AddMinutes(-3), true, "失信修复要多久？电话138****5678"),
                new TranscriptLine(Now.AddMinutes(-3).AddSeconds(1), false, "抱歉，暂时没有找到答案。"),
                new TranscriptLine(Now.AddMinutes(-2), true, "转人工"),
            ],
            ["13812345678", "0519-85681234"],
            WorkOrderStatus.Closed,
            Now.AddMinutes(-2).AddTicks(1234567));

        var created = await _records.CreateWorkOrderAsync(order, CancellationToken.None);
        var read = await _records.GetWorkOrderAsync(created.Id, CancellationToken.None);

        Assert.That(read, Is.Not.Null);
        AssertSameOrder(read!, created);
        Assert.That(created with { Id = order.Id }, Is.EqualTo(order), "nothing but the id is changed on create");
    }

    [Test]
    public async Task GetWorkOrder_UnknownId_ReturnsNull()
    {
        await _records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);

        var read = await _records.GetWorkOrderAsync("WO-20261127-9999", CancellationToken.None);

        Assert.That(read, Is.Null);
    }

    [Test]
    public async Task ListWorkOrders_ByDepartmentAndStatus_ListsNewestFirstUpToTheLimit()
    {
        var smeOpenOld = await CreateAsync("sme", WorkOrderStatus.Open, minutesAgo: 40);
        var creditOpen = await CreateAsync("credit", WorkOrderStatus.Open, minutesAgo: 30);
        var smeClosed = await CreateAsync("sme", WorkOrderStatus.Closed, minutesAgo: 20);
        var smeOpenNew = await CreateAsync("sme", WorkOrderStatus.Open, minutesAgo: 10);

        var all = await _records.ListWorkOrdersAsync(null, null, 10, CancellationToken.None);
        var sme = await _records.ListWorkOrdersAsync("sme", null, 10, CancellationToken.None);
        var open = await _records.ListWorkOrdersAsync(null, WorkOrderStatus.Open, 10, CancellationToken.None);
        var smeOpen = await _records.ListWorkOrdersAsync("sme", WorkOrderStatus.Open, 10, CancellationToken.None);
        var newestSme = await _records.ListWorkOrdersAsync("sme", null, 1, CancellationToken.None);
        var none = await _records.ListWorkOrdersAsync("industry", null, 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(o => o.Id), Is.EqualTo(new[] { smeOpenNew, smeClosed, creditOpen, smeOpenOld }));
            Assert.That(sme.Select(o => o.Id), Is.EqualTo(new[] { smeOpenNew, smeClosed, smeOpenOld }));
            Assert.That(open.Select(o => o.Id), Is.EqualTo(new[] { smeOpenNew, creditOpen, smeOpenOld }));
            Assert.That(smeOpen.Select(o => o.Id), Is.EqualTo(new[] { smeOpenNew, smeOpenOld }));
            Assert.That(newestSme.Select(o => o.Id), Is.EqualTo(new[] { smeOpenNew }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task ForgetUser_DeletesTheirInteractionsAndFeedback_AnonymisesTheirOrders_LeavesOthersAlone()
    {
        await _records.AddInteractionAsync(NewInteraction("gone-1", Now.AddMinutes(-5), "wechat", "leaver"), CancellationToken.None);
        await _records.AddInteractionAsync(NewInteraction("gone-2", Now.AddMinutes(-4), "wechat", "leaver"), CancellationToken.None);
        var stayer = NewInteraction("kept-1", Now.AddMinutes(-3), "wechat", "stayer");
        var sameIdOtherChannel = NewInteraction("kept-2", Now.AddMinutes(-2), "hotline", "leaver");
        await _records.AddInteractionAsync(stayer, CancellationToken.None);
        await _records.AddInteractionAsync(sameIdOtherChannel, CancellationToken.None);
        await _records.AddFeedbackAsync(new Feedback("wechat", "leaver", "enterprise-cloud", 1, false, Now.AddMinutes(-4)), CancellationToken.None);
        var keptFeedback = new Feedback("wechat", "stayer", "enterprise-cloud", 1, true, Now.AddMinutes(-3));
        await _records.AddFeedbackAsync(keptFeedback, CancellationToken.None);
        var leaversOrder = await _records.CreateWorkOrderAsync(NewOrder("sme", "wechat", "leaver"), CancellationToken.None);
        var staysOrder = await _records.CreateWorkOrderAsync(NewOrder("sme", "wechat", "stayer"), CancellationToken.None);

        var forgotten = await _records.ForgetUserAsync("wechat", "leaver", CancellationToken.None);

        var interactions = await _records.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        var leaversInteractions = await _records.ListInteractionsAsync("wechat", "leaver", 10, CancellationToken.None);
        var feedback = await _records.ListFeedbackAsync(null, 10, CancellationToken.None);
        var summary = await _records.SummarizeFeedbackAsync(CancellationToken.None);
        var anonymised = await _records.GetWorkOrderAsync(leaversOrder.Id, CancellationToken.None);
        var untouched = await _records.GetWorkOrderAsync(staysOrder.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(forgotten, Is.EqualTo(4), "two interactions, one verdict, one order");
            Assert.That(interactions, Is.EqualTo(new[] { sameIdOtherChannel, stayer }));
            Assert.That(leaversInteractions, Is.Empty);
            Assert.That(feedback, Is.EqualTo(new[] { keptFeedback }));
            Assert.That(summary, Is.EqualTo(new[] { new FeedbackSummary("enterprise-cloud", 1, 0) }));
            Assert.That(anonymised!.UserId, Is.Empty);
            Assert.That(anonymised.Contacts, Is.Empty);
            AssertSameOrder(anonymised with { UserId = leaversOrder.UserId, Contacts = leaversOrder.Contacts }, leaversOrder);
            AssertSameOrder(untouched!, staysOrder);
        });
    }

    [Test]
    public async Task ForgetUser_Twice_ForgetsNothingMoreTheSecondTime()
    {
        await _records.AddInteractionAsync(NewInteraction("gone-1", Now, "wechat", "leaver"), CancellationToken.None);
        await _records.CreateWorkOrderAsync(NewOrder("sme", "wechat", "leaver"), CancellationToken.None);

        var first = await _records.ForgetUserAsync("wechat", "leaver", CancellationToken.None);
        var second = await _records.ForgetUserAsync("wechat", "leaver", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(2));
            Assert.That(second, Is.Zero);
        });
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task ForgetUser_BlankUser_ThrowsAndLeavesAnonymisedOrdersAlone(string userId)
    {
        var order = await _records.CreateWorkOrderAsync(NewOrder("sme", "wechat", string.Empty), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => _records.ForgetUserAsync("wechat", userId, CancellationToken.None));

        AssertSameOrder((await _records.GetWorkOrderAsync(order.Id, CancellationToken.None))!, order);
    }

    [Test]
    public async Task Open_AgainOnTheSameStorage_SeesEveryRecordAndGoesOnNumbering()
    {
        var interaction = NewInteraction("wechat:9001", Now);
        var feedback = new Feedback("wechat", "user-a", "enterprise-cloud", 2, true, Now);
        await _records.AddInteractionAsync(interaction, CancellationToken.None);
        await _records.AddFeedbackAsync(feedback, CancellationToken.None);
        var order = await _records.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);

        var reopened = Open();

        var interactions = await reopened.ListInteractionsAsync(null, null, 10, CancellationToken.None);
        var listedFeedback = await reopened.ListFeedbackAsync(null, 10, CancellationToken.None);
        var read = await reopened.GetWorkOrderAsync(order.Id, CancellationToken.None);
        var next = await reopened.CreateWorkOrderAsync(NewOrder("sme"), CancellationToken.None);
        var repeat = await reopened.AddInteractionAsync(interaction, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(interactions, Is.EqualTo(new[] { interaction }));
            Assert.That(listedFeedback, Is.EqualTo(new[] { feedback }));
            Assert.That(read, Is.Not.Null);
            Assert.That(next.Id, Is.EqualTo("WO-20261127-0002"));
            Assert.That(repeat, Is.False, "the id is still known after re-opening");
        });
        AssertSameOrder(read!, order);
    }

    /// <summary>Work orders hold lists, which record equality compares by reference: compare them by content.</summary>
    protected static void AssertSameOrder(WorkOrder actual, WorkOrder expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual with { Transcript = expected.Transcript, Contacts = expected.Contacts }, Is.EqualTo(expected));
            Assert.That(actual.Transcript, Is.EqualTo(expected.Transcript));
            Assert.That(actual.Contacts, Is.EqualTo(expected.Contacts));
            Assert.That(actual.CreatedAt.Offset, Is.EqualTo(expected.CreatedAt.Offset));
            Assert.That(actual.Transcript.Select(l => l.At.Offset), Is.EqualTo(expected.Transcript.Select(l => l.At.Offset)));
        });
    }

    protected static Interaction NewInteraction(string id, DateTimeOffset at, string channel = "wechat", string userId = "user-a") =>
        new(id, channel, userId, at, InboundKind.Text, "企业上云有补贴吗？我的电话138****5678", ReplyKind.Answer,
            "有的，最高补贴 50%。", "enterprise-cloud", 0.8123456789012345, "sme", 137,
            Sentiment: "neutral", Topic: "industrial_internet", RoutedTo: "informatization");

    protected static WorkOrder NewOrder(
        string department, string channel = "wechat", string userId = "user-a", DateTimeOffset? createdAt = null,
        WorkOrderStatus status = WorkOrderStatus.Open) =>
        new(string.Empty, channel, userId, department, HandoffReason.Requested, "专精特新怎么申报？",
            [new TranscriptLine(Now.AddMinutes(-1), true, "专精特新怎么申报？"), new TranscriptLine(Now, true, "人工")],
            ["13812345678"], status, createdAt ?? Now);

    private async Task<string> CreateAsync(string department, WorkOrderStatus status, int minutesAgo) =>
        (await _records.CreateWorkOrderAsync(
            NewOrder(department, createdAt: Now.AddMinutes(-minutesAgo), status: status), CancellationToken.None)).Id;

    private async Task AddVerdictsAsync(string entryId, int yes, int no)
    {
        for (var i = 0; i < yes + no; i++)
        {
            await _records.AddFeedbackAsync(
                new Feedback("wechat", $"user-{i}", entryId, 1, i < yes, Now.AddMinutes(-i)), CancellationToken.None);
        }
    }
}
