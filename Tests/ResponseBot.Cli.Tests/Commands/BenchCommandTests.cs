using System.Text.Json;
using ResponseBot.Cli.Bench;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Test]
    public async Task BenchSearch_DataFolderWithoutTheFiles_ExitsTwo()
    {
        var empty = Directory.CreateTempSubdirectory("responsebot-nodata-").FullName;
        try
        {
            var run = await CliRunner.RunAsync("bench", "search", "--data", empty);

            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain(PublicCorpus.LcqmcFile));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Test]
    public async Task BenchSearch_NonPositiveEntries_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("bench", "search", "--entries", "0");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--entries must be a positive number"));
    }

    // Reads the public data in ../shared/data (beside the checkout); a fresh clone has none, so this skips there.
    [Test]
    public async Task BenchSearch_SmallRunOnPublicData_ReportsEveryMeasureAgainstItsTarget()
    {
        var data = SharedData();

        var run = await CliRunner.RunAsync("bench", "search", "--entries", "300", "--queries", "50", "--data", data);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("300 entries, 50 queries"));
        Assert.That(run.Stdout, Does.Contain("index build").And.Contain("≤ 5 s"));
        Assert.That(run.Stdout, Does.Contain("search p99").And.Contain("≤ 2 ms"));
        Assert.That(run.Stdout, Does.Contain("resident memory").And.Contain("≤ 400 MB"));
    }

    // Reads the public data in ../shared/data; skipped when it is absent.
    [Test]
    public async Task BenchSearch_Export_WritesAPublishedBaseThatImports()
    {
        var directory = Directory.CreateTempSubdirectory("responsebot-export-").FullName;
        try
        {
            var file = Path.Combine(directory, "kb.jsonl");
            var run = await CliRunner.RunAsync("bench", "search", "--entries", "40", "--data", SharedData(), "--export", file);
            Assert.That(run.ExitCode, Is.Zero, run.ToString());

            var import = await CliRunner.RunAsync("kb", "import", file, "--publish", "--db", Path.Combine(directory, "kb.db"));

            Assert.That(import.ExitCode, Is.Zero, import.ToString());
            Assert.That(import.Stdout, Does.Contain("published snapshot v1: 40 entries"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task BenchSearch_ExportToAnUnknownFormat_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("bench", "search", "--data", SharedData(), "--export", "kb.txt");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(".jsonl"));
    }

    // Reads the public data in ../shared/data; skipped when it is absent.
    [Test]
    public void PublicCorpus_DefaultSize_HasDistinctQuestionsAndAnswers()
    {
        var corpus = PublicCorpus.Load(SharedData());

        Assert.That(corpus.Entries, Has.Count.EqualTo(PublicCorpus.DefaultEntries));
        Assert.That(corpus.Queries, Has.Count.EqualTo(PublicCorpus.DefaultQueries));
        Assert.That(corpus.Entries.Select(e => e.Question).Distinct().Count(), Is.EqualTo(PublicCorpus.DefaultEntries));
        Assert.That(corpus.Entries.Select(e => e.Id).Distinct().Count(), Is.EqualTo(PublicCorpus.DefaultEntries));
        Assert.That(corpus.Entries.Select(e => e.Answer.Length), Is.All.InRange(1, KnowledgeEntry.MaxAnswerLength));
    }

    // Starts the built service three times (one per mode) and loads it for a second each: no speed is asserted, only
    // that the bench ran end to end and every reply passed WeChat's checks. Skipped when the Host is not built.
    [Test]
    public async Task BenchWeChat_ShortRunOfEveryMode_ReportsEveryModeWithoutErrors()
    {
        if (ServiceProcess.FindHost() is null)
        {
            Assert.Ignore($"The service is not built ({ServiceProcess.BuiltHostPath()} is missing); build Bot/ResponseBot.Host to run this test.");
        }

        var run = await CliRunner.RunAsync(
            "bench", "wechat", "--duration", "1", "--warmup", "0", "--senders", "4", "--modes", "safe,plain,ask", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        var root = json.RootElement;
        Assert.That(root.GetProperty("senders").GetInt32(), Is.EqualTo(4));
        var modes = root.GetProperty("modes");
        Assert.That(modes.EnumerateObject().Select(m => m.Name), Is.EqualTo(new[] { "safe", "plain", "ask" }));
        foreach (var mode in modes.EnumerateObject())
        {
            var measured = mode.Value;
            Assert.That(measured.GetProperty("messages").GetInt32(), Is.Positive, mode.Name);
            Assert.That(measured.GetProperty("errors").GetInt32(), Is.Zero, $"{mode.Name}: {measured.GetProperty("errorReasons")}");
            Assert.That(measured.GetProperty("p50Ms").GetDouble(), Is.Positive.And.LessThanOrEqualTo(measured.GetProperty("p99Ms").GetDouble()), mode.Name);
            Assert.That(measured.GetProperty("p99Ms").GetDouble(), Is.LessThanOrEqualTo(measured.GetProperty("maxMs").GetDouble()), mode.Name);
            Assert.That(measured.GetProperty("serviceCpuMsPerMessage").GetDouble(), Is.Positive, mode.Name);
        }

        var ratios = root.GetProperty("ratios");
        Assert.That(ratios.EnumerateObject().Select(r => r.Name), Is.EqualTo(new[] { "safeToAsk", "plainToAsk" }));
        Assert.That(ratios.GetProperty("safeToAsk").GetProperty("messagesPerSecond").GetDouble(), Is.Positive);
        var targets = root.GetProperty("targets");
        Assert.That(targets.EnumerateObject().Select(t => t.Name), Is.EqualTo(new[] { "messagesPerSecond", "p99Ms", "overDeadline", "errors" }));
        Assert.That(run.Stdout, Does.Contain("Targets, in safe mode").And.Contain("≥ 2,000 msgs/s").And.Contain("≤ 50 ms"));
    }

    [TestCase("--modes", "safe,fast", "--modes takes a comma-separated list")]
    [TestCase("--senders", "0", "--senders must be a positive number")]
    [TestCase("--duration", "-1", "--duration must be a positive number")]
    [TestCase("--aes-key", "short", "--aes-key must be 43 letters and digits")]
    [TestCase("--url", "localhost:5080", "--url must be an absolute http")]
    [TestCase("--service", "/nonexistent/ResponseBot.Host.dll", "does not exist")]
    public async Task BenchWeChat_BadOption_ExitsTwoNamingIt(string option, string value, string error)
    {
        var run = await CliRunner.RunAsync("bench", "wechat", option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(error));
    }

    [Test]
    public async Task BenchWeChat_ServiceAndUrlTogether_ExitsTwo()
    {
        var host = typeof(BenchCommandTests).Assembly.Location;

        var run = await CliRunner.RunAsync("bench", "wechat", "--service", host, "--url", "http://127.0.0.1:5080");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--service or --url, not both"));
    }

    [Test]
    public async Task BenchWeChat_ServiceThatDoesNotStart_ExitsOneWithItsOutput()
    {
        // dotnet refuses a file that is no assembly and exits at once; the bench must say so instead of waiting.
        var directory = Directory.CreateTempSubdirectory("responsebot-notaservice-").FullName;
        try
        {
            var notAService = Path.Combine(directory, "NotAService.dll");
            await File.WriteAllTextAsync(notAService, "not an assembly");

            var run = await CliRunner.RunAsync("bench", "wechat", "--service", notAService, "--modes", "ask", "--duration", "1");

            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Stderr, Does.Contain("error: the service exited with code"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string SharedData()
    {
        var data = PublicCorpus.FindDataDirectory(TestContext.CurrentContext.TestDirectory, Environment.CurrentDirectory);
        if (data is null)
        {
            Assert.Ignore("The public data folder ../shared/data is not here; this test needs it.");
        }

        return data!;
    }
}
