using System.Globalization;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Simulation;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class AlertSimulationTests
{
    private InMemoryAlerts _alerts = null!;
    private SimulationClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _alerts = new InMemoryAlerts();
        _clock = new SimulationClock(DateTimeOffset.UnixEpoch);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(42)]
    [TestCase(2026)]
    public async Task RunAsync_DefaultWeek_CatchesTheSpikeWithinOneWindowWithoutFalseAlarms(int seed)
    {
        var report = await RunAsync(new AlertSimulationOptions { Seed = seed });

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"seed {seed}: {report.Inquiries} inquiries, {report.Negative} negative, spike +{report.SpikeInquiries}; " +
            $"delay {report.Delay?.TotalMinutes:0.0} min ({report.DelayWindows:0.00} windows), false alarms {report.FalseAlarms.Count}; " +
            $"{report.Detection?.Alert.Title}"));
        Assert.That(report.Detection, Is.Not.Null, "the spike was not detected");
        Assert.That(report.Detection!.Alert.Key, Is.EqualTo("spike:nev"));
        Assert.That(report.DetectedAt, Is.GreaterThanOrEqualTo(report.Options.SpikeStart), "detected before the spike began");
        Assert.That(report.CaughtWithinOneWindow, Is.True);
        Assert.That(report.FalseAlarms, Is.Empty);
        Assert.That(report.Passed, Is.True);
    }

    [TestCase("sme", 3, 15, 11)]
    [TestCase("gov_integrity", 4, 9, 5)]
    [TestCase("industrial_internet", 2, 20, 8)]
    public async Task RunAsync_OtherTopicsDaysAndHours_CatchesTheSpike(string topic, int day, int hour, int seed)
    {
        var report = await RunAsync(new AlertSimulationOptions { SpikeTopic = topic, SpikeDay = day, SpikeHour = hour, Seed = seed });

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{topic} day {day} {hour}:00 seed {seed}: delay {report.Delay?.TotalMinutes:0.0} min, false alarms {report.FalseAlarms.Count}"));
        Assert.That(report.Detection?.Alert.Key, Is.EqualTo($"spike:{topic}"));
        Assert.That(report.Passed, Is.True);
    }

    [Test]
    public async Task RunWithSqliteAsync_DefaultWeek_SameOutcomeAsInMemory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rb-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = new AlertSimulationOptions { Seed = 3 };
            var sqlite = await AlertSimulation.RunWithSqliteAsync(
                Path.Combine(folder, "sim.db"), options, new AlertsOptions(), Taxonomy.LoadDefault(), null, CancellationToken.None);
            var memory = await RunAsync(options);

            Assert.That(sqlite.DetectedAt, Is.EqualTo(memory.DetectedAt));
            Assert.That(sqlite.FalseAlarms, Is.Empty);
            Assert.That(sqlite.Changes, Is.EqualTo(memory.Changes));
            Assert.That(sqlite.Alerts.Select(a => (a.Key, a.Revision)), Is.EquivalentTo(memory.Alerts.Select(a => (a.Key, a.Revision))));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(4)]
    [TestCase(42)]
    public async Task RunAsync_NoSpike_NoSpikeAlertAtAll(int seed)
    {
        var report = await RunAsync(new AlertSimulationOptions { SpikeRate = 1, Seed = seed });

        Assert.That(report.SpikeInquiries, Is.Zero);
        Assert.That(report.Detection, Is.Null);
        Assert.That(report.FalseAlarms, Is.Empty);
        Assert.That(report.Passed, Is.False, "nothing to catch is not a pass");
    }

    [Test]
    public async Task RunAsync_ScriptedSituations_RaiseTheOtherKinds()
    {
        var report = await RunAsync(new AlertSimulationOptions());

        var keys = report.Alerts.Select(a => a.Key).ToList();
        Assert.That(keys, Does.Contain("repeats:company:常州恒远精密机械有限公司"));
        Assert.That(report.Alerts.Count(a => a.Kind == AlertKind.Repeats), Is.GreaterThanOrEqualTo(2));
        Assert.That(report.Alerts.Where(a => a.Kind == AlertKind.Escalation).SelectMany(a => a.Evidence.Terms),
            Is.SupersetOf(new[] { "媒体", "曝光", "12345投诉无门", "市长信箱" }));
        Assert.That(report.AlertsByKind[AlertKind.VeryNegative], Is.GreaterThan(0));
        Assert.That(report.Alerts.SelectMany(a => a.Evidence.Samples).Select(s => s.Text), Has.None.Contains("13912345678"));
    }

    [Test]
    public void Generate_SameSeed_SameWeek_AndSpikeOnlyInItsHours()
    {
        var options = new AlertSimulationOptions { Seed = 9 };

        var first = InquiryGenerator.Generate(options);
        var again = InquiryGenerator.Generate(options);
        var other = InquiryGenerator.Generate(options with { Seed = 10 });

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Select(i => i.Signal.At), Is.Ordered);
        var spike = first.Where(i => i.InSpike).ToList();
        Assert.That(spike, Is.Not.Empty);
        Assert.That(spike.Select(i => (i.Signal.Topic, i.Signal.Sentiment)), Is.All.EqualTo(("nev", "negative")));
        Assert.That(spike.Select(i => i.Signal.At), Is.All.InRange(options.SpikeStart, options.SpikeEnd));
    }

    [Test]
    public void Generate_DayAndNight_OfficeHoursBusier()
    {
        var week = InquiryGenerator.Generate(new AlertSimulationOptions { SpikeRate = 1 });

        var byHour = week.GroupBy(i => i.Signal.At.ToOffset(TimeSpan.FromHours(8)).Hour).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(byHour[10], Is.GreaterThan(5 * byHour.GetValueOrDefault(3)));
        Assert.That(week.Count(i => i.Signal.Sentiment == "negative") / (double)week.Count, Is.InRange(0.02, 0.07));
    }

    [TestCase(0, "--days")]
    [TestCase(9, "--spike-day")]
    public void Validate_OutOfRange_NamesTheOption(int spikeDay, string option)
    {
        var options = spikeDay == 0 ? new AlertSimulationOptions { Days = 0 } : new AlertSimulationOptions { SpikeDay = spikeDay };

        Assert.That(options.Validate(), Does.StartWith(option));
    }

    [Test]
    public void Validate_UnknownTopic_ListsTheTopics() =>
        Assert.That(new AlertSimulationOptions { SpikeTopic = "cars" }.Validate(), Does.Contain("nev"));

    private Task<AlertSimulationReport> RunAsync(AlertSimulationOptions options) =>
        new AlertSimulation(_alerts, _alerts, _clock, Taxonomy.LoadDefault(), new AlertsOptions())
            .RunAsync(options, progress: null, CancellationToken.None);
}
