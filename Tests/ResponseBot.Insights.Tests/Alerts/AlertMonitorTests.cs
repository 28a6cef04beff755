using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Detection;
using ResponseBot.Insights.Simulation;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class AlertMonitorTests
{
    private InMemoryAlerts _alerts = null!;
    private SimulationClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _alerts = new InMemoryAlerts();
        _clock = new SimulationClock(Signals.Monday10);
    }

    [Test]
    public async Task ObserveAsync_GrowingSpike_OneAlertUpdatedOnlyWhenTheCountGrows()
    {
        var monitor = Create();
        for (var i = 0; i < 12; i++)
        {
            var at = Signals.Monday10.AddMinutes(3 * i);
            await ObserveAsync(monitor, Signals.Negative(at, subject: $"user{i:00}"));
            await ObserveAsync(monitor, Signals.Neutral(at.AddMinutes(1), subject: $"other{i:00}"));
        }

        var spikes = await _alerts.ListAsync(new AlertQuery(Kind: AlertKind.Spike), CancellationToken.None);
        var changes = (await _alerts.ReadFeedAsync(null, 100, CancellationToken.None)).Where(c => c.Alert.Kind == AlertKind.Spike).ToList();
        Assert.That(spikes, Has.Count.EqualTo(1));
        Assert.That(spikes[0].Key, Is.EqualTo("spike:nev"));
        Assert.That(changes[0].Change, Is.EqualTo(AlertChangeKind.Raised));
        Assert.That(changes.Skip(1).Select(c => c.Change), Is.All.EqualTo(AlertChangeKind.Updated));
        var counts = changes.Select(c => c.Alert.Evidence.Count).ToList();
        Assert.That(counts, Is.Ordered.Ascending.And.Unique, "every update has a larger count; none repeats the last");
        Assert.That(counts[^1], Is.EqualTo(12));
        Assert.That(spikes[0].Revision, Is.EqualTo(changes.Count));
        Assert.That(spikes[0].Evidence.Samples, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task ObserveAsync_NextWindowOfTheSameSpike_UpdatesTheSameAlert()
    {
        // A week of five neutral inquiries an hour, then three hours with ten negative ones each.
        for (var hour = 7 * 24; hour > 0; hour--)
        {
            for (var i = 0; i < 5; i++)
            {
                await _alerts.RecordAsync(Signals.Neutral(Signals.Monday10.AddHours(-hour).AddMinutes(10 * i)), CancellationToken.None);
            }
        }

        var monitor = Create();
        for (var i = 0; i < 30; i++)
        {
            await ObserveAsync(monitor, Signals.Negative(Signals.Monday10.AddMinutes(6 * i), subject: $"user{i:00}"));
        }

        var spikes = await _alerts.ListAsync(new AlertQuery(Kind: AlertKind.Spike), CancellationToken.None);
        var windows = (await _alerts.ReadFeedAsync(null, 100, CancellationToken.None))
            .Where(c => c.Alert.Kind == AlertKind.Spike)
            .Select(c => c.Alert.Evidence.WindowStart)
            .Distinct();
        Assert.That(spikes, Has.Count.EqualTo(1));
        Assert.That(windows, Is.EqualTo(new[] { Signals.Monday10, Signals.Monday10.AddHours(1), Signals.Monday10.AddHours(2) }),
            "the alert follows the spike into later windows");
        Assert.That(spikes[0].Evidence.Count, Is.EqualTo(10));
    }

    [Test]
    public async Task ObserveAsync_ThreeComplaintsByOneUser_RaisesThenUpdatesOnTheFourthOnly()
    {
        var monitor = Create();
        string[] topics = ["nev", "sme", "gov_integrity"];
        for (var i = 0; i < 3; i++)
        {
            await ObserveAsync(monitor, Signals.Negative(Signals.Monday10.AddHours(3 * i), subject: "0a1b2c3d4e", topic: topics[i]));
        }

        var afterThree = await RepeatChangesAsync();
        await ObserveAsync(monitor, Signals.Neutral(Signals.Monday10.AddHours(7), subject: "0a1b2c3d4e"));
        var afterNeutral = await RepeatChangesAsync();
        await ObserveAsync(monitor, Signals.Negative(Signals.Monday10.AddHours(8), subject: "0a1b2c3d4e", topic: null));
        var afterFour = await RepeatChangesAsync();

        Assert.That(afterThree.Select(c => (c.Change, c.Alert.Key, c.Alert.Evidence.Count)),
            Is.EqualTo(new[] { (AlertChangeKind.Raised, "repeats:0a1b2c3d4e", 3) }));
        Assert.That(afterNeutral, Has.Count.EqualTo(1), "a neutral inquiry changes nothing");
        Assert.That(afterFour.Select(c => (c.Change, c.Alert.Revision, c.Alert.Evidence.Count)).Last(),
            Is.EqualTo((AlertChangeKind.Updated, 2, 4)));
    }

    [Test]
    public async Task ObserveAsync_TwoComplaints_NoRepeatsAlert()
    {
        var monitor = Create();
        await ObserveAsync(monitor, Signals.Negative(Signals.Monday10, subject: "0a1b2c3d4e", topic: null));
        await ObserveAsync(monitor, Signals.Negative(Signals.Monday10.AddHours(1), subject: "0a1b2c3d4e", topic: null));

        Assert.That(await RepeatChangesAsync(), Is.Empty);
    }

    [Test]
    public async Task ObserveAsync_CompanyInTheText_CountsTheCompanyAcrossUsers()
    {
        var monitor = Create();
        for (var i = 0; i < 3; i++)
        {
            await ObserveAsync(monitor, Signals.Negative(
                Signals.Monday10.AddHours(i), subject: $"user{i}", topic: null, text: "常州恒远精密机械有限公司的技改补贴一直没到"));
        }

        Assert.That(_alerts.Signals.Select(s => s.Company), Is.All.EqualTo("常州恒远精密机械有限公司"));
        var changes = await RepeatChangesAsync();
        Assert.That(changes.Select(c => c.Alert.Key), Is.EqualTo(new[] { "repeats:company:常州恒远精密机械有限公司" }));
        Assert.That(changes[0].Alert.Title, Does.Not.Contain("恒远"));
    }

    [Test]
    public async Task ObserveAsync_EscalationWordTwice_OneAlertThatCounts()
    {
        var monitor = Create();
        await ObserveAsync(monitor, Signals.Neutral(Signals.Monday10, subject: "0a1b2c3d4e", topic: null, text: "不解决我就找媒体"));
        await ObserveAsync(monitor, Signals.Neutral(Signals.Monday10.AddHours(1), subject: "0a1b2c3d4e", topic: null, text: "还要去上访"));

        var alerts = await _alerts.ListAsync(new AlertQuery(Kind: AlertKind.Escalation), CancellationToken.None);
        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.That(alerts[0].Key, Is.EqualTo("escalation:0a1b2c3d4e"));
        Assert.That((alerts[0].Revision, alerts[0].Evidence.Count), Is.EqualTo((2, 2)));
        Assert.That(alerts[0].Evidence.Terms, Is.EqualTo(new[] { "媒体", "上访" }));
    }

    [Test]
    public async Task ObserveAsync_StoreFails_DoesNotThrowAndStillCounts()
    {
        _alerts.FailWrites = new InvalidOperationException("disk full");
        var monitor = Create();

        await ObserveAsync(monitor, Signals.Negative(Signals.Monday10, text: "我要找媒体曝光", probability: 0.97f));

        Assert.That(_alerts.Signals, Has.Count.EqualTo(1));
        Assert.That(await _alerts.ListAsync(new AlertQuery(), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ObserveAsync_Disabled_DoesNothing()
    {
        var monitor = Create(new AlertsOptions { Enabled = false });

        await ObserveAsync(monitor, Signals.Negative(Signals.Monday10, text: "我要找媒体曝光", probability: 0.97f));

        Assert.That(_alerts.Signals, Is.Empty);
    }

    private AlertMonitor Create(AlertsOptions? options = null) =>
        new(_alerts, _alerts, Taxonomy.LoadDefault(), Options.Create(options ?? new AlertsOptions()), _clock,
            NullLogger<AlertMonitor>.Instance);

    private Task ObserveAsync(AlertMonitor monitor, InquirySignal signal)
    {
        _clock.Set(signal.At);
        return monitor.ObserveAsync(signal, CancellationToken.None);
    }

    private async Task<List<AlertChange>> RepeatChangesAsync() =>
        (await _alerts.ReadFeedAsync(null, 100, CancellationToken.None)).Where(c => c.Alert.Kind == AlertKind.Repeats).ToList();
}
