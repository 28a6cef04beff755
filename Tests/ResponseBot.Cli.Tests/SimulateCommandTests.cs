using System.Text.Json.Nodes;

namespace ResponseBot.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Test]
    public async Task SimulateAlerts_DefaultWeek_ReportsDetectionAndExitsZero()
    {
        var run = await CliRunner.RunAsync("simulate", "alerts", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("Injected spike: 新能源汽车 (nev), day 5 2026-11-06 10:00–13:00"));
        Assert.That(run.Stdout, Does.Contain("Spike detected: day 5 11-06 10:"));
        Assert.That(run.Stdout, Does.Contain("False spike alarms (spike alerts for windows away from the injected spike): 0"));
        Assert.That(run.Stdout, Does.Contain("spike:nev: count"));
        Assert.That(run.Stdout, Does.Contain("PASS"));
        Assert.That(run.Stderr, Does.Contain("simulated day 7/7"), "progress goes to stderr");

        var json = JsonNode.Parse(run.StdoutLines[^1])!.AsObject();
        Assert.That((bool)json["passed"]!, Is.True);
        Assert.That((bool)json["detected"]!, Is.True);
        Assert.That((int)json["falseAlarms"]!, Is.Zero);
        Assert.That((double)json["delayMinutes"]!, Is.InRange(0.0, 60.0));
        Assert.That((double)json["delayWindows"]!, Is.EqualTo((double)json["delayMinutes"]! / 60).Within(0.001));
        Assert.That((string)json["spike"]!["topic"]!, Is.EqualTo("nev"));
        Assert.That((int)json["spike"]!["injected"]!, Is.Positive);
        Assert.That((int)json["alerts"]!["spike"]!, Is.EqualTo(1));
        Assert.That((int)json["alerts"]!["repeats"]!, Is.GreaterThanOrEqualTo(2));
        Assert.That((int)json["inquiries"]!, Is.GreaterThan((int)json["negative"]!));
    }

    [Test]
    public async Task SimulateAlerts_NoSpikeToCatch_ExitsOneAndSaysWhy()
    {
        var run = await CliRunner.RunAsync("simulate", "alerts", "--spike-rate", "1", "--seed", "4", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("Spike detected: no"));
        Assert.That(run.Stdout, Does.Contain("FAIL: the spike was not detected"));
        var json = JsonNode.Parse(run.StdoutLines[^1])!.AsObject();
        Assert.That(((bool)json["passed"]!, (bool)json["detected"]!, json["delayMinutes"]), Is.EqualTo((false, false, (JsonNode?)null)));
    }

    [Test]
    public async Task SimulateAlerts_OtherTopicAndDay_NamesThemAndCatchesTheSpike()
    {
        var run = await CliRunner.RunAsync(
            "simulate", "alerts", "--days", "5", "--spike-topic", "sme", "--spike-day", "3", "--spike-hour", "15", "--seed", "11");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("Simulated 5 days"));
        Assert.That(run.Stdout, Does.Contain("Injected spike: 中小企业 (sme), day 3 2026-11-04 15:00–18:00"));
        Assert.That(run.Stdout, Does.Contain("Spike detected: day 3 11-04 15:"));
    }

    [TestCase("--spike-topic", "cars", "--spike-topic must be one of")]
    [TestCase("--spike-day", "8", "--spike-day must be 1–7")]
    [TestCase("--spike-hour", "24", "--spike-hour must be 0–23")]
    [TestCase("--spike-rate", "0.5", "--spike-rate must be")]
    public async Task SimulateAlerts_BadOption_ExitsTwo(string option, string value, string message)
    {
        var run = await CliRunner.RunAsync("simulate", "alerts", option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(message));
    }
}
