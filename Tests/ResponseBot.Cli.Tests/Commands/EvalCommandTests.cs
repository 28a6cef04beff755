using System.Text.Json;

namespace ResponseBot.Cli.Tests.Commands;

public sealed class EvalCommandTests
{
    private static readonly string[] MetricKeys = ["top1", "top3", "mrr", "fallbackRate", "wrongAnswerRate", "p50Ms", "p99Ms"];
    private static readonly string[] TopLevelKeys = ["engine", "baseline", "entries", "queries"];
    private static readonly string[] LcqmcIds = ["q00001", "q00002", "q00003", "q00004", "q00005"];

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() =>
        _directory = Directory.CreateTempSubdirectory("responsebot-eval-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task EvalRetrieval_Json_LastLineIsOneObjectWithEveryKey()
    {
        var run = await CliRunner.RunAsync(
            "eval", "retrieval", "--kb", CliRunner.Fixture("eval-kb.jsonl"),
            "--queries", CliRunner.Fixture("eval-queries.jsonl"), "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(TopLevelKeys));
        Assert.That(root.GetProperty("entries").GetInt32(), Is.EqualTo(14));
        Assert.That(root.GetProperty("queries").GetInt32(), Is.EqualTo(25));
        foreach (var system in new[] { "engine", "baseline" })
        {
            var metrics = root.GetProperty(system);
            Assert.That(metrics.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(MetricKeys), system);
            foreach (var share in MetricKeys.Take(5))
            {
                Assert.That(metrics.GetProperty(share).GetDouble(), Is.InRange(0.0, 1.0), $"{system}.{share}");
            }

            Assert.That(metrics.GetProperty("p50Ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(metrics.GetProperty("p99Ms").GetDouble(), Is.GreaterThanOrEqualTo(metrics.GetProperty("p50Ms").GetDouble()));
        }
    }

    [Test]
    public async Task EvalRetrieval_Text_ShowsBothSystemsTheSweepAndTheBaselineCaveat()
    {
        var run = await CliRunner.RunAsync(
            "eval", "retrieval", "--kb", CliRunner.Fixture("eval-kb.jsonl"), "--queries", CliRunner.Fixture("eval-queries.jsonl"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("engine").And.Contain("baseline").And.Contain("MRR@10"));
        Assert.That(run.Stdout, Does.Contain("no calibrated confidence"));
        Assert.That(run.Stdout, Does.Contain("Knowledge:AnswerThreshold").And.Contain("Knowledge:ClarifyThreshold"));
        Assert.That(run.Stdout, Does.Contain("0.05").And.Contain("0.95"));
        Assert.That(run.Stdout.TrimStart(), Does.Not.StartWith("{"), "without --json there is no JSON line");
        Assert.That(run.Stderr, Does.Contain("engine: indexing").And.Contain("baseline: querying"));
    }

    [Test]
    public async Task EvalRetrieval_ExactQuestions_BaselineTop1IsOne()
    {
        var queries = Path.Combine(_directory, "exact.jsonl");
        var lines = File.ReadLines(CliRunner.Fixture("eval-kb.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => JsonSerializer.Serialize(new { query = e.GetProperty("question").GetString(), expected = e.GetProperty("id").GetString() }));
        await File.WriteAllLinesAsync(queries, lines);

        var run = await CliRunner.RunAsync("eval", "retrieval", "--kb", CliRunner.Fixture("eval-kb.jsonl"), "--queries", queries, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        Assert.That(json.RootElement.GetProperty("baseline").GetProperty("top1").GetDouble(), Is.EqualTo(1.0));
        Assert.That(json.RootElement.GetProperty("baseline").GetProperty("mrr").GetDouble(), Is.EqualTo(1.0));
    }

    [Test]
    public async Task EvalRetrieval_BadKbLine_ExitsTwoNamingTheLine()
    {
        var run = await CliRunner.RunAsync(
            "eval", "retrieval", "--kb", CliRunner.Fixture("eval-kb-bad-line3.jsonl"), "--queries", CliRunner.Fixture("eval-queries.jsonl"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: eval-kb-bad-line3.jsonl line 3: not valid JSON"));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task EvalRetrieval_ExpectedIdNotInKb_ExitsTwoNamingTheId()
    {
        var queries = Path.Combine(_directory, "q.jsonl");
        await File.WriteAllLinesAsync(queries, ["{\"query\":\"上云补贴\",\"expected\":\"ii-cloud\"}", "{\"query\":\"x\",\"expected\":\"no-such-id\"}"]);

        var run = await CliRunner.RunAsync("eval", "retrieval", "--kb", CliRunner.Fixture("eval-kb.jsonl"), "--queries", queries);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("q.jsonl line 2").And.Contain("\"no-such-id\" is not in the knowledge base"));
    }

    [Test]
    public async Task EvalRetrieval_MissingFile_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(
            "eval", "retrieval", "--kb", Path.Combine(_directory, "absent.jsonl"), "--queries", CliRunner.Fixture("eval-queries.jsonl"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("absent.jsonl: no such file"));
    }

    [Test]
    public async Task EvalLcqmc_TinyCsv_WritesKbOfFirstSentencesAndParaphraseQueries()
    {
        var run = await CliRunner.RunAsync("eval", "lcqmc", "--input", CliRunner.Fixture("lcqmc-tiny.csv"), "--out", _directory);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var kb = File.ReadAllLines(Path.Combine(_directory, "kb.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(kb.Select(e => e.GetProperty("id").GetString()), Is.EqualTo(LcqmcIds));
        Assert.That(kb[0].GetProperty("question").GetString(), Is.EqualTo("开初婚未育证明怎么弄？"));
        Assert.That(kb[4].GetProperty("question").GetString(), Is.EqualTo("逗号,在引号里"));

        var queries = File.ReadAllLines(Path.Combine(_directory, "queries.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(q => (q.GetProperty("query").GetString(), q.GetProperty("expected").GetString()))
            .ToList();
        Assert.That(queries, Is.EqualTo(new[]
        {
            ("初婚未育情况证明怎么开？", "q00001"),
            ("人与畜生的区别是什么！", "q00003"),
            ("初婚未育证明在哪里开", "q00001"),
            ("引号里的逗号怎么写", "q00005"),
        }));
        Assert.That(run.Stdout, Does.Contain("5 entries").And.Contain("4 queries"));
    }

    [Test]
    public async Task EvalLcqmc_ThenRetrieval_ReadsWhatItWrote()
    {
        await CliRunner.RunAsync("eval", "lcqmc", "--input", CliRunner.Fixture("lcqmc-tiny.csv"), "--out", _directory);

        var run = await CliRunner.RunAsync(
            "eval", "retrieval", "--kb", Path.Combine(_directory, "kb.jsonl"), "--queries", Path.Combine(_directory, "queries.jsonl"), "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        Assert.That(json.RootElement.GetProperty("entries").GetInt32(), Is.EqualTo(5));
        Assert.That(json.RootElement.GetProperty("queries").GetInt32(), Is.EqualTo(4));
    }

    [Test]
    public async Task EvalLcqmc_WrongHeader_ExitsTwo()
    {
        var input = Path.Combine(_directory, "pairs.csv");
        await File.WriteAllTextAsync(input, "q1,q2,same\na,b,1\n");

        var run = await CliRunner.RunAsync("eval", "lcqmc", "--input", input, "--out", _directory);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("sentence1,sentence2,label"));
    }
}
