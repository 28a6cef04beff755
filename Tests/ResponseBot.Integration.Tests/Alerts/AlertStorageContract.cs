using ResponseBot.Insights.Alerts;
using ResponseBot.Integration.Tests.Records;

namespace ResponseBot.Integration.Tests.Alerts;

/// <summary>
/// What every <see cref="IAlertStore"/> and <see cref="IInquiryStatistics"/> must do, whatever they store in. Each
/// provider derives a fixture that gives every test fresh, empty storage and can open further instances over it.
/// </summary>
[Category("Integration")]
public abstract class AlertStorageContract
{
    /// <summary>01:30 in China on 27 November, still the 26th in UTC: ids must follow the local date.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 27, 1, 30, 0, TimeSpan.FromHours(8));

    private IAlertStore _alerts = null!;
    private IInquiryStatistics _statistics = null!;

    internal RecordsClock Clock { get; private set; } = null!;

    [SetUp]
    public void OpenStores()
    {
        // The stores take their times from the arguments; the clock only gives the time zone of the ids, and it never
        // moves, so a store that read it for anything else would be caught.
        Clock = new RecordsClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        CreateStorage();
        _alerts = OpenAlerts();
        _statistics = OpenStatistics();
    }

    [TearDown]
    public void RemoveStorage() => DeleteStorage();

    /// <summary>Makes fresh, empty storage for one test.</summary>
    protected abstract void CreateStorage();

    /// <summary>A new alert store over the test's storage, on <see cref="Clock"/>: what another process or a restart sees.</summary>
    protected abstract IAlertStore OpenAlerts();

    /// <summary>A new statistics store over the test's storage.</summary>
    protected abstract IInquiryStatistics OpenStatistics();

    /// <summary>Closes every instance and removes the test's storage.</summary>
    protected abstract void DeleteStorage();

    [Test]
    public async Task RaiseOrUpdate_NewSituation_RaisesAnAlertThatGetAndListReturn()
    {
        var draft = Draft("spike:nev", count: 12);

        var change = await _alerts.RaiseOrUpdateAsync(draft, Now, CancellationToken.None);

        var read = await _alerts.GetAsync(change.Alert.Id, CancellationToken.None);
        var listed = await _alerts.ListAsync(new AlertQuery(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(change.Change, Is.EqualTo(AlertChangeKind.Raised));
            Assert.That(change.Alert.Id, Is.EqualTo("AL-20261127-0001"));
            Assert.That(change.Alert.Status, Is.EqualTo(AlertStatus.New));
            Assert.That(change.Alert.Revision, Is.EqualTo(1));
            Assert.That(change.Alert.RaisedAt, Is.EqualTo(Now));
            Assert.That(change.Alert.UpdatedAt, Is.EqualTo(Now));
            Assert.That(change.Alert.AcknowledgedBy ?? change.Alert.ResolvedBy, Is.Null);
            Assert.That(listed, Has.Count.EqualTo(1));
        });
        AssertSame(read, change.Alert);
        AssertSame(listed[0], change.Alert);
        AssertFromDraft(read!, draft);
    }

    [Test]
    public async Task RaiseOrUpdate_SameKeyAgain_UpdatesTheOneAlert()
    {
        var first = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev", count: 12), Now, CancellationToken.None);
        var grown = Draft("spike:nev", count: 30) with { Title = "新能源汽车负面咨询继续增加" };

        var second = await _alerts.RaiseOrUpdateAsync(grown, Now.AddMinutes(10), CancellationToken.None);

        var listed = await _alerts.ListAsync(new AlertQuery(), CancellationToken.None);
        var feed = await _alerts.ReadFeedAsync(null, 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(second.Change, Is.EqualTo(AlertChangeKind.Updated));
            Assert.That(second.Alert.Id, Is.EqualTo(first.Alert.Id));
            Assert.That(second.Alert.Revision, Is.EqualTo(2));
            Assert.That(second.Alert.RaisedAt, Is.EqualTo(Now));
            Assert.That(second.Alert.UpdatedAt, Is.EqualTo(Now.AddMinutes(10)));
            Assert.That(listed.Select(a => a.Id), Is.EqualTo(new[] { first.Alert.Id }));
            Assert.That(feed.Select(c => (c.Change, c.Alert.Revision)),
                Is.EqualTo(new[] { (AlertChangeKind.Raised, 1), (AlertChangeKind.Updated, 2) }));
        });
        AssertFromDraft(listed[0], grown);
    }

    [Test]
    public async Task RaiseOrUpdate_DifferentKeys_RaisesTwoAlerts()
    {
        var spike = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        var repeats = await _alerts.RaiseOrUpdateAsync(
            Draft("repeats:user:ab12", AlertKind.Repeats, topic: null), Now.AddMinutes(1), CancellationToken.None);

        var listed = await _alerts.ListAsync(new AlertQuery(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { spike.Change, repeats.Change }, Has.All.EqualTo(AlertChangeKind.Raised));
            Assert.That(spike.Alert.Id, Is.EqualTo("AL-20261127-0001"));
            Assert.That(repeats.Alert.Id, Is.EqualTo("AL-20261127-0002"));
            Assert.That(listed.Select(a => a.Id), Is.EqualTo(new[] { repeats.Alert.Id, spike.Alert.Id }));
        });
    }

    [Test]
    public async Task RaiseOrUpdate_AfterTheSituationWasResolved_RaisesANewAlert()
    {
        var first = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        await _alerts.ResolveAsync(first.Alert.Id, "press-officer", Now.AddHours(1), CancellationToken.None);

        var again = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddHours(2), CancellationToken.None);

        var old = await _alerts.GetAsync(first.Alert.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(again.Change, Is.EqualTo(AlertChangeKind.Raised));
            Assert.That(again.Alert.Id, Is.Not.EqualTo(first.Alert.Id));
            Assert.That(again.Alert.Revision, Is.EqualTo(1));
            Assert.That(again.Alert.Status, Is.EqualTo(AlertStatus.New));
            Assert.That(old?.Status, Is.EqualTo(AlertStatus.Resolved));
            Assert.That(old?.Revision, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task RaiseOrUpdate_AcknowledgedSituation_UpdatesItAndKeepsItAcknowledged()
    {
        var raised = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        await _alerts.AcknowledgeAsync(raised.Alert.Id, "press-officer", Now.AddMinutes(5), CancellationToken.None);

        var updated = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev", count: 40), Now.AddMinutes(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(updated.Change, Is.EqualTo(AlertChangeKind.Updated));
            Assert.That(updated.Alert.Id, Is.EqualTo(raised.Alert.Id));
            Assert.That(updated.Alert.Revision, Is.EqualTo(3));
            Assert.That(updated.Alert.Status, Is.EqualTo(AlertStatus.Acknowledged));
            Assert.That(updated.Alert.AcknowledgedBy, Is.EqualTo("press-officer"));
            Assert.That(updated.Alert.Evidence.Count, Is.EqualTo(40));
        });
    }

    [Test]
    public async Task Acknowledge_NewAlert_RecordsWhoAndWhenThenResolveDoesToo()
    {
        var raised = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);

        var acknowledged = await _alerts.AcknowledgeAsync(raised.Alert.Id, "王科长", Now.AddMinutes(5), CancellationToken.None);
        var resolved = await _alerts.ResolveAsync(raised.Alert.Id, "李处长", Now.AddMinutes(30), CancellationToken.None);

        var read = await _alerts.GetAsync(raised.Alert.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged?.Change, Is.EqualTo(AlertChangeKind.Acknowledged));
            Assert.That(acknowledged?.Alert.Status, Is.EqualTo(AlertStatus.Acknowledged));
            Assert.That(acknowledged?.Alert.Revision, Is.EqualTo(2));
            Assert.That(acknowledged?.Alert.AcknowledgedBy, Is.EqualTo("王科长"));
            Assert.That(acknowledged?.Alert.AcknowledgedAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(acknowledged?.Alert.UpdatedAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(resolved?.Change, Is.EqualTo(AlertChangeKind.Resolved));
            Assert.That(resolved?.Alert.Revision, Is.EqualTo(3));
            Assert.That(read?.Status, Is.EqualTo(AlertStatus.Resolved));
            Assert.That(read?.AcknowledgedBy, Is.EqualTo("王科长"));
            Assert.That(read?.ResolvedBy, Is.EqualTo("李处长"));
            Assert.That(read?.ResolvedAt, Is.EqualTo(Now.AddMinutes(30)));
            Assert.That(read?.ResolvedAt?.Offset, Is.EqualTo(TimeSpan.FromHours(8)));
        });
    }

    [Test]
    public async Task Resolve_NewAlert_ResolvesWithoutAcknowledgement()
    {
        var raised = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);

        var resolved = await _alerts.ResolveAsync(raised.Alert.Id, "press-officer", Now.AddMinutes(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(resolved?.Alert.Status, Is.EqualTo(AlertStatus.Resolved));
            Assert.That(resolved?.Alert.AcknowledgedBy, Is.Null);
            Assert.That(resolved?.Alert.Revision, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AcknowledgeAndResolve_StatesThatDoNotAllowThem_ThrowAndChangeNothing()
    {
        var acknowledged = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        await _alerts.AcknowledgeAsync(acknowledged.Alert.Id, "a", Now, CancellationToken.None);
        var resolved = await _alerts.RaiseOrUpdateAsync(Draft("spike:sme"), Now, CancellationToken.None);
        await _alerts.ResolveAsync(resolved.Alert.Id, "a", Now, CancellationToken.None);
        var feedBefore = await _alerts.LatestCursorAsync(CancellationToken.None);

        await Assert.ThrowsAsync<AlertStateException>(
            () => _alerts.AcknowledgeAsync(acknowledged.Alert.Id, "b", Now.AddMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<AlertStateException>(
            () => _alerts.AcknowledgeAsync(resolved.Alert.Id, "b", Now.AddMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<AlertStateException>(
            () => _alerts.ResolveAsync(resolved.Alert.Id, "b", Now.AddMinutes(1), CancellationToken.None));

        var stillAcknowledged = await _alerts.GetAsync(acknowledged.Alert.Id, CancellationToken.None);
        var stillResolved = await _alerts.GetAsync(resolved.Alert.Id, CancellationToken.None);
        var feedAfter = await _alerts.LatestCursorAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(stillAcknowledged?.AcknowledgedBy, Is.EqualTo("a"));
            Assert.That(stillAcknowledged?.Revision, Is.EqualTo(2));
            Assert.That(stillResolved?.ResolvedBy, Is.EqualTo("a"));
            Assert.That(stillResolved?.Revision, Is.EqualTo(2));
            Assert.That(feedAfter, Is.EqualTo(feedBefore));
        });
    }

    [Test]
    public async Task GetAcknowledgeResolve_UnknownId_ReturnNull()
    {
        await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);

        var read = await _alerts.GetAsync("AL-20261127-0099", CancellationToken.None);
        var acknowledged = await _alerts.AcknowledgeAsync("AL-20261127-0099", "a", Now, CancellationToken.None);
        var resolved = await _alerts.ResolveAsync("AL-20261127-0099", "a", Now, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Null);
            Assert.That(acknowledged, Is.Null);
            Assert.That(resolved, Is.Null);
        });
    }

    [Test]
    public async Task List_Filters_ReturnOnlyMatchingAlertsMostRecentlyUpdatedFirst()
    {
        var spikeNev = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddMinutes(1), CancellationToken.None);
        var spikeSme = await _alerts.RaiseOrUpdateAsync(Draft("spike:sme", topic: "sme"), Now.AddMinutes(2), CancellationToken.None);
        var repeats = await _alerts.RaiseOrUpdateAsync(
            Draft("repeats:user:ab12", AlertKind.Repeats, topic: null), Now.AddMinutes(3), CancellationToken.None);
        var escalation = await _alerts.RaiseOrUpdateAsync(
            Draft("escalation:user:cd34", AlertKind.Escalation), Now.AddMinutes(4), CancellationToken.None);
        await _alerts.AcknowledgeAsync(spikeSme.Alert.Id, "a", Now.AddMinutes(5), CancellationToken.None);
        await _alerts.ResolveAsync(repeats.Alert.Id, "a", Now.AddMinutes(6), CancellationToken.None);

        var all = await _alerts.ListAsync(new AlertQuery(), CancellationToken.None);
        var newOnes = await _alerts.ListAsync(new AlertQuery(Status: AlertStatus.New), CancellationToken.None);
        var spikes = await _alerts.ListAsync(new AlertQuery(Kind: AlertKind.Spike), CancellationToken.None);
        var nev = await _alerts.ListAsync(new AlertQuery(Topic: "nev"), CancellationToken.None);
        var recent = await _alerts.ListAsync(new AlertQuery(Since: Now.AddMinutes(4)), CancellationToken.None);
        var newest = await _alerts.ListAsync(new AlertQuery(Limit: 2), CancellationToken.None);
        var none = await _alerts.ListAsync(new AlertQuery(Status: AlertStatus.Resolved, Kind: AlertKind.Spike), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(a => a.Id),
                Is.EqualTo(new[] { repeats.Alert.Id, spikeSme.Alert.Id, escalation.Alert.Id, spikeNev.Alert.Id }));
            Assert.That(newOnes.Select(a => a.Id), Is.EqualTo(new[] { escalation.Alert.Id, spikeNev.Alert.Id }));
            Assert.That(spikes.Select(a => a.Id), Is.EqualTo(new[] { spikeSme.Alert.Id, spikeNev.Alert.Id }));
            Assert.That(nev.Select(a => a.Id), Is.EqualTo(new[] { escalation.Alert.Id, spikeNev.Alert.Id }));
            Assert.That(recent.Select(a => a.Id), Is.EqualTo(new[] { repeats.Alert.Id, spikeSme.Alert.Id, escalation.Alert.Id }));
            Assert.That(newest.Select(a => a.Id), Is.EqualTo(new[] { repeats.Alert.Id, spikeSme.Alert.Id }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task ListAndReadFeed_LimitBelowOne_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _alerts.ListAsync(new AlertQuery(Limit: 0), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _alerts.ReadFeedAsync(null, 0, CancellationToken.None));
    }

    [Test]
    public async Task ReadFeed_AfterACursor_ReturnsTheLaterChangesOldestFirst()
    {
        var emptyCursor = await _alerts.LatestCursorAsync(CancellationToken.None);
        var emptyFeed = await _alerts.ReadFeedAsync(null, 10, CancellationToken.None);
        var raised = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        var cursor = await _alerts.LatestCursorAsync(CancellationToken.None);
        var updated = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddMinutes(1), CancellationToken.None);
        var other = await _alerts.RaiseOrUpdateAsync(Draft("spike:sme"), Now.AddMinutes(2), CancellationToken.None);
        var acknowledged = await _alerts.AcknowledgeAsync(raised.Alert.Id, "a", Now.AddMinutes(3), CancellationToken.None);

        var all = await _alerts.ReadFeedAsync(null, 10, CancellationToken.None);
        var afterFirst = await _alerts.ReadFeedAsync(cursor, 10, CancellationToken.None);
        var twoAfterFirst = await _alerts.ReadFeedAsync(cursor, 2, CancellationToken.None);
        var afterLast = await _alerts.ReadFeedAsync(acknowledged!.Cursor, 10, CancellationToken.None);
        var latest = await _alerts.LatestCursorAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(emptyCursor, Is.Null);
            Assert.That(emptyFeed, Is.Empty);
            Assert.That(cursor, Is.EqualTo(raised.Cursor));
            Assert.That(all.Select(c => c.Cursor), Is.EqualTo(new[] { raised.Cursor, updated.Cursor, other.Cursor, acknowledged.Cursor }));
            Assert.That(afterFirst.Select(c => (c.Change, c.Alert.Id, c.Alert.Revision)), Is.EqualTo(new[]
            {
                (AlertChangeKind.Updated, raised.Alert.Id, 2),
                (AlertChangeKind.Raised, other.Alert.Id, 1),
                (AlertChangeKind.Acknowledged, raised.Alert.Id, 3),
            }));
            Assert.That(twoAfterFirst.Select(c => c.Cursor), Is.EqualTo(new[] { updated.Cursor, other.Cursor }));
            Assert.That(afterLast, Is.Empty);
            Assert.That(latest, Is.EqualTo(acknowledged.Cursor));
        });
        AssertSame(all[3].Alert, acknowledged.Alert);
    }

    [Test]
    public async Task ReadFeed_CursorOfAnotherKind_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _alerts.ReadFeedAsync("not a cursor", 10, CancellationToken.None));

    [Test]
    public async Task TryClaimDelivery_SameChangeAndDestination_SucceedsOnce()
    {
        var first = await _alerts.TryClaimDeliveryAsync("wecom", "AL-20261127-0001", 1, CancellationToken.None);
        var again = await _alerts.TryClaimDeliveryAsync("wecom", "AL-20261127-0001", 1, CancellationToken.None);
        var nextRevision = await _alerts.TryClaimDeliveryAsync("wecom", "AL-20261127-0001", 2, CancellationToken.None);
        var otherAlert = await _alerts.TryClaimDeliveryAsync("wecom", "AL-20261127-0002", 1, CancellationToken.None);
        var otherDestination = await _alerts.TryClaimDeliveryAsync("email", "AL-20261127-0001", 1, CancellationToken.None);
        var fromAnotherInstance = await OpenAlerts().TryClaimDeliveryAsync("wecom", "AL-20261127-0001", 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(again, Is.False);
            Assert.That(nextRevision, Is.True);
            Assert.That(otherAlert, Is.True);
            Assert.That(otherDestination, Is.True);
            Assert.That(fromAnotherInstance, Is.False);
        });
    }

    [Test]
    public async Task RaiseOrUpdate_EightAtOnceOnTwoInstances_MakeOneAlertWithRevisionsOneToEight()
    {
        var second = OpenAlerts();

        var changes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _alerts : second).RaiseOrUpdateAsync(Draft("spike:nev", count: i), Now.AddSeconds(i), CancellationToken.None))));

        var listed = await _alerts.ListAsync(new AlertQuery(), CancellationToken.None);
        var feed = await _alerts.ReadFeedAsync(null, 100, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(1));
            Assert.That(changes.Select(c => c.Alert.Id).Distinct(), Is.EqualTo(new[] { listed[0].Id }));
            Assert.That(changes.Select(c => c.Alert.Revision).Order(), Is.EqualTo(Enumerable.Range(1, 8)));
            Assert.That(changes.Count(c => c.Change == AlertChangeKind.Raised), Is.EqualTo(1));
            Assert.That(listed[0].Revision, Is.EqualTo(8));
            Assert.That(feed.Select(c => c.Alert.Revision), Is.EqualTo(Enumerable.Range(1, 8)));
            Assert.That(feed.Select(c => c.Cursor), Is.EquivalentTo(changes.Select(c => c.Cursor)));
        });
    }

    [Test]
    public async Task ReopenedStore_KeepsAlertsFeedAndStatistics()
    {
        var raised = await _alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now, CancellationToken.None);
        await _alerts.AcknowledgeAsync(raised.Alert.Id, "a", Now.AddMinutes(1), CancellationToken.None);
        await _alerts.TryClaimDeliveryAsync("wecom", raised.Alert.Id, 1, CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now, "nev", negative: true), CancellationToken.None);

        var alerts = OpenAlerts();
        var statistics = OpenStatistics();

        var read = await alerts.GetAsync(raised.Alert.Id, CancellationToken.None);
        var feed = await alerts.ReadFeedAsync(null, 10, CancellationToken.None);
        var claimedAgain = await alerts.TryClaimDeliveryAsync("wecom", raised.Alert.Id, 1, CancellationToken.None);
        var updated = await alerts.RaiseOrUpdateAsync(Draft("spike:nev"), Now.AddMinutes(2), CancellationToken.None);
        var series = await statistics.SeriesAsync("nev", Now, Now.AddMinutes(20), CancellationToken.None);
        var samples = await statistics.RecentNegativeAsync("nev", null, Now.AddDays(-1), 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(read?.Status, Is.EqualTo(AlertStatus.Acknowledged));
            Assert.That(feed, Has.Count.EqualTo(2));
            Assert.That(claimedAgain, Is.False);
            Assert.That(updated.Alert.Id, Is.EqualTo(raised.Alert.Id), "the situation's unresolved alert is found again");
            Assert.That(updated.Alert.Revision, Is.EqualTo(3));
            Assert.That(series.Select(p => (p.Total, p.Negative)), Is.EqualTo(new[] { (1, 1) }));
            Assert.That(samples, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Series_CountsPerHourBucket_ZeroFilledAndAlignedToUtcHours()
    {
        // 01:30 in China is 17:30 UTC: the bucket starts at 17:00 UTC.
        var bucket = new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(5), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(59), "nev", negative: false), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddHours(2), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddHours(2).AddMinutes(1), "sme", negative: true), CancellationToken.None);

        var series = await _statistics.SeriesAsync("nev", Now, bucket.AddHours(3), CancellationToken.None);
        var empty = await _statistics.SeriesAsync("nev", Now, Now, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_statistics.Bucket, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(series, Is.EqualTo(new[]
            {
                new SeriesPoint(bucket, 2, 1),
                new SeriesPoint(bucket.AddHours(1), 0, 0),
                new SeriesPoint(bucket.AddHours(2), 1, 1),
            }));
            Assert.That(empty, Is.Empty);
        });
    }

    [Test]
    public async Task Series_NoneAndAll_CountInquiriesOnNoHotTopicAndEveryInquiry()
    {
        var bucket = new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(1), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(2), "sme", negative: false), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(3), null, negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(bucket.AddMinutes(4), null, negative: false), CancellationToken.None);

        var none = await _statistics.SeriesAsync("none", bucket, bucket.AddHours(1), CancellationToken.None);
        var all = await _statistics.SeriesAsync("all", bucket, bucket.AddHours(1), CancellationToken.None);
        var sme = await _statistics.SeriesAsync("sme", bucket, bucket.AddHours(1), CancellationToken.None);
        var unknown = await _statistics.SeriesAsync("no-such-topic", bucket, bucket.AddHours(2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.EqualTo(new[] { new SeriesPoint(bucket, 2, 1) }));
            Assert.That(all, Is.EqualTo(new[] { new SeriesPoint(bucket, 4, 2) }));
            Assert.That(sme, Is.EqualTo(new[] { new SeriesPoint(bucket, 1, 0) }));
            Assert.That(unknown, Is.EqualTo(new[] { new SeriesPoint(bucket, 0, 0), new SeriesPoint(bucket.AddHours(1), 0, 0) }));
        });
    }

    [Test]
    public async Task CountComplaints_NegativeInquiriesOfASubjectOrItsCompany_CountedSinceTheGivenTime()
    {
        await _statistics.RecordAsync(Signal(Now.AddHours(-30), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now.AddHours(-2), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now.AddHours(-1), null, negative: true, company: "某某科技有限公司"), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now, "nev", negative: false), CancellationToken.None);
        await _statistics.RecordAsync(
            Signal(Now, "nev", negative: true, subject: "user-b", company: "某某科技有限公司"), CancellationToken.None);

        var userA = await _statistics.CountComplaintsAsync("user-a", Now.AddHours(-24), CancellationToken.None);
        var userAEver = await _statistics.CountComplaintsAsync("user-a", Now.AddDays(-2), CancellationToken.None);
        var company = await _statistics.CountComplaintsAsync("某某科技有限公司", Now.AddHours(-24), CancellationToken.None);
        var nobody = await _statistics.CountComplaintsAsync("user-z", Now.AddHours(-24), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(userA, Is.EqualTo(2));
            Assert.That(userAEver, Is.EqualTo(3));
            Assert.That(company, Is.EqualTo(2));
            Assert.That(nobody, Is.Zero);
        });
    }

    [Test]
    public async Task CountComplaints_OlderThanThirtyDaysBeforeTheNewest_AreForgotten()
    {
        await _statistics.RecordAsync(Signal(Now.AddDays(-40), "nev", negative: true), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now, "nev", negative: true), CancellationToken.None);

        var count = await _statistics.CountComplaintsAsync("user-a", Now.AddDays(-60), CancellationToken.None);
        var samples = await _statistics.RecentNegativeAsync("nev", null, Now.AddDays(-60), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That(samples.Select(s => s.At), Is.EqualTo(new[] { Now }));
        });
    }

    [Test]
    public async Task RecentNegative_ByTopicOrSubject_NewestFirstWithTheMaskedTextAsGiven()
    {
        var masked = "我是张**，电话138****5678，新能源汽车补贴一直拖着不发，再不处理就找媒体曝光！";
        await _statistics.RecordAsync(Signal(Now.AddMinutes(-30), "nev", negative: true, text: "补贴还没到账"), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now.AddMinutes(-10), "nev", negative: true, text: masked), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now.AddMinutes(-20), "nev", negative: false, text: "谢谢"), CancellationToken.None);
        await _statistics.RecordAsync(
            Signal(Now.AddMinutes(-5), "sme", negative: true, subject: "user-b", text: "中小企业贷款太难"), CancellationToken.None);
        await _statistics.RecordAsync(Signal(Now.AddDays(-2), "nev", negative: true, text: "前天的"), CancellationToken.None);

        var nev = await _statistics.RecentNegativeAsync("nev", null, Now.AddHours(-1), 10, CancellationToken.None);
        var newestNev = await _statistics.RecentNegativeAsync("nev", null, Now.AddHours(-1), 1, CancellationToken.None);
        var anyTopic = await _statistics.RecentNegativeAsync(null, null, Now.AddHours(-1), 10, CancellationToken.None);
        var userB = await _statistics.RecentNegativeAsync(null, "user-b", Now.AddHours(-1), 10, CancellationToken.None);
        var userAOnSme = await _statistics.RecentNegativeAsync("sme", "user-a", Now.AddHours(-1), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(nev.Select(s => s.Text), Is.EqualTo(new[] { masked, "补贴还没到账" }));
            Assert.That(nev[0], Is.EqualTo(new AlertSample(Now.AddMinutes(-10), "wechat", masked, 0.9f)));
            Assert.That(nev[0].At.Offset, Is.EqualTo(TimeSpan.FromHours(8)));
            Assert.That(newestNev.Select(s => s.Text), Is.EqualTo(new[] { masked }));
            Assert.That(anyTopic.Select(s => s.Text), Is.EqualTo(new[] { "中小企业贷款太难", masked, "补贴还没到账" }));
            Assert.That(userB.Select(s => s.Text), Is.EqualTo(new[] { "中小企业贷款太难" }));
            Assert.That(userAOnSme, Is.Empty);
        });
    }

    /// <summary>A draft with evidence that exercises every field.</summary>
    protected static AlertDraft Draft(string key, AlertKind kind = AlertKind.Spike, string? topic = "nev", int count = 12) =>
        new(
            kind, key, topic, "industry",
            $"新能源汽车负面咨询激增（{count}）",
            $"过去 2 小时新能源汽车负面咨询 {count} 条，基线 3.2 条，poisson-z = 4.87。",
            new AlertEvidence(
                count, 3.2, 4.87, "poisson-z", Now.AddHours(-2), Now,
                [new SeriesPoint(Now.AddHours(-2), 20, 5), new SeriesPoint(Now.AddHours(-1), 25, count)],
                [new AlertSample(Now.AddMinutes(-3), "wechat", "补贴申请提交三个月了还没消息，电话138****5678", 0.93f)],
                ["曝光", "媒体"]));

    /// <summary>A signal from user-a on WeChat.</summary>
    protected static InquirySignal Signal(
        DateTimeOffset at, string? topic, bool negative, string subject = "user-a", string? company = null, string text = "补贴什么时候发？") =>
        new(at, "wechat", subject, company, text, negative ? "negative" : "neutral", negative ? 0.9f : 0.1f, topic, "industry");

    /// <summary>The same alert: every field, the evidence's lists by their items, times with their offsets.</summary>
    protected static void AssertSame(Alert? actual, Alert expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(actual! with { Evidence = expected.Evidence }, Is.EqualTo(expected));
            Assert.That(actual.RaisedAt.Offset, Is.EqualTo(expected.RaisedAt.Offset));
            Assert.That(actual.UpdatedAt.Offset, Is.EqualTo(expected.UpdatedAt.Offset));
            AssertSameEvidence(actual.Evidence, expected.Evidence);
        });
    }

    private static void AssertFromDraft(Alert alert, AlertDraft draft)
    {
        Assert.Multiple(() =>
        {
            Assert.That((alert.Kind, alert.Key, alert.Topic, alert.Department, alert.Title, alert.Summary),
                Is.EqualTo((draft.Kind, draft.Key, draft.Topic, draft.Department, draft.Title, draft.Summary)));
            AssertSameEvidence(alert.Evidence, draft.Evidence);
        });
    }

    private static void AssertSameEvidence(AlertEvidence actual, AlertEvidence expected)
    {
        Assert.That(actual with { Series = expected.Series, Samples = expected.Samples, Terms = expected.Terms }, Is.EqualTo(expected));
        Assert.That(actual.Series, Is.EqualTo(expected.Series));
        Assert.That(actual.Samples, Is.EqualTo(expected.Samples));
        Assert.That(actual.Terms, Is.EqualTo(expected.Terms));
    }
}
