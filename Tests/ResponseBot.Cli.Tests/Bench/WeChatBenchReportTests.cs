using System.Text.Json;
using ResponseBot.Cli.Bench;
using ResponseBot.Cli.Output;

namespace ResponseBot.Cli.Tests.Bench;

public sealed class WeChatBenchReportTests
{
    private WeChatBenchSetup _setup = null!;

    [SetUp]
    public void SetUp() => _setup = new WeChatBenchSetup(64, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), 20_000, "at http://127.0.0.1:5080/");

    [Test]
    public void ToJsonLine_ErrorsInSafeMode_CountsOnlyGoodRepliesAndMissesTheErrorTarget()
    {
        var safe = Result(BenchMode.Safe, messages: 3000, seconds: 1, errors: 400, latencyMs: 10);

        using var json = JsonDocument.Parse(WeChatBenchReport.ToJsonLine(_setup, [safe]));

        var measured = json.RootElement.GetProperty("modes").GetProperty("safe");
        Assert.That(measured.GetProperty("messages").GetInt32(), Is.EqualTo(3000));
        Assert.That(measured.GetProperty("errors").GetInt32(), Is.EqualTo(400));
        Assert.That(measured.GetProperty("messagesPerSecond").GetDouble(), Is.EqualTo(2600));
        var targets = json.RootElement.GetProperty("targets");
        Assert.That(targets.GetProperty("messagesPerSecond").GetProperty("met").GetBoolean(), Is.True);
        Assert.That(targets.GetProperty("p99Ms").GetProperty("met").GetBoolean(), Is.True);
        Assert.That(targets.GetProperty("errors").GetProperty("met").GetBoolean(), Is.False);
        Assert.That(targets.GetProperty("errors").GetProperty("measured").GetInt32(), Is.EqualTo(400));
    }

    [Test]
    public void ToJsonLine_SafePlainAndAsk_RatiosCompareEachWeChatModeWithAsk()
    {
        var results = new[]
        {
            Result(BenchMode.Safe, messages: 2000, seconds: 2, errors: 0, latencyMs: 40),
            Result(BenchMode.Plain, messages: 3000, seconds: 2, errors: 0, latencyMs: 20),
            Result(BenchMode.Ask, messages: 4000, seconds: 2, errors: 0, latencyMs: 10),
        };

        using var json = JsonDocument.Parse(WeChatBenchReport.ToJsonLine(_setup, results));

        var ratios = json.RootElement.GetProperty("ratios");
        Assert.That(ratios.GetProperty("safeToAsk").GetProperty("messagesPerSecond").GetDouble(), Is.EqualTo(0.5));
        Assert.That(ratios.GetProperty("safeToAsk").GetProperty("p99").GetDouble(), Is.EqualTo(4));
        Assert.That(ratios.GetProperty("plainToAsk").GetProperty("messagesPerSecond").GetDouble(), Is.EqualTo(0.75));
        Assert.That(ratios.GetProperty("plainToAsk").GetProperty("p99").GetDouble(), Is.EqualTo(2));
        var targets = json.RootElement.GetProperty("targets");
        Assert.That(targets.GetProperty("messagesPerSecond").GetProperty("met").GetBoolean(), Is.False, "1,000 msgs/s is under 2,000");
    }

    [Test]
    public void WriteText_ReplyOverTheDeadline_MissesItsTargetAndNamesTheErrors()
    {
        var latencies = Enumerable.Repeat(12.0, 99).Append(4600).ToList();
        var errors = new Dictionary<string, int> { ["no passive reply (success or empty)"] = 1 };
        var safe = new ModeResult(BenchMode.Safe, latencies.Count, 1, latencies, errors, null, TimeSpan.Zero);
        using var writer = new StringWriter();

        WeChatBenchReport.WriteText(writer, _setup, [safe]);

        var text = writer.ToString();
        Assert.That(text, Does.Contain("safe errors: 1 × no passive reply (success or empty)"));
        Assert.That(Line(text, "replies over 4.5 s"), Does.Contain(" 1 ").And.EndWith("MISS"));
        Assert.That(Line(text, "p99"), Does.Contain("12.0 ms").And.EndWith("PASS"));
        Assert.That(Line(text, "safe "), Does.Contain(" - "), "no service CPU for a service we did not start");
    }

    [Test]
    public void WriteText_WithoutSafeMode_PrintsNoTargets()
    {
        using var writer = new StringWriter();

        WeChatBenchReport.WriteText(writer, _setup, [Result(BenchMode.Ask, messages: 100, seconds: 1, errors: 0, latencyMs: 5)]);

        Assert.That(writer.ToString(), Does.Contain("ask").And.Not.Contain("Targets").And.Not.Contain("against POST /api/ask"));
    }

    [TestCase("safe,plain,ask", "safe plain ask")]
    [TestCase(" ask , SAFE ", "ask safe")]
    [TestCase("plain,plain", "plain")]
    public void Parse_ListOfModes_ReadsThemInOrderOnce(string list, string expected) =>
        Assert.That(string.Join(' ', BenchModes.Parse(list)!.Select(m => m.Name())), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase(",")]
    [TestCase("safe,compatible")]
    public void Parse_EmptyOrUnknown_IsNull(string list) => Assert.That(BenchModes.Parse(list), Is.Null);

    private static ModeResult Result(BenchMode mode, int messages, double seconds, int errors, double latencyMs)
    {
        var reasons = errors == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { ["HTTP 401"] = errors };
        return new ModeResult(
            mode, messages, seconds, Enumerable.Repeat(latencyMs, messages).ToList(), reasons,
            TimeSpan.FromMilliseconds(messages * 0.5), TimeSpan.FromSeconds(seconds * 0.2));
    }

    private static string Line(string text, string start) =>
        text.Split('\n').Select(l => l.TrimEnd()).First(l => l.StartsWith(start, StringComparison.Ordinal));
}
