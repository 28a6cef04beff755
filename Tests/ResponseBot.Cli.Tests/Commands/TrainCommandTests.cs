using System.Text.Json.Nodes;

namespace ResponseBot.Cli.Tests.Commands;

[Category("Model")]
public sealed class TrainCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("responsebot-train-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task TrainReranker_SmallBaseWithoutPublicData_SavesModelAndReportsHeldOutTop1()
    {
        var model = Path.Combine(_directory, "models", "reranker.zip");
        var noData = Directory.CreateDirectory(Path.Combine(_directory, "no-data")).FullName;

        var kb = Path.Combine(_directory, "kb.jsonl");
        await File.WriteAllLinesAsync(kb, File.ReadLines(CliRunner.Fixture("eval-kb.jsonl")).Select(Published));

        var run = await CliRunner.RunAsync(
            "train", "reranker", "--out", model, "--kb", kb,
            "--queries", CliRunner.Fixture("eval-queries.jsonl"), "--data", noData);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.Exists(model), Is.True);
        Assert.That(File.ReadAllText(Path.ChangeExtension(model, ".md")), Does.Contain("held out").And.Contain("AUC"));
        Assert.That(run.Stdout, Does.Contain("held-out AUC").And.Contain("first stage alone").And.Contain("saved"));
    }

    [Test]
    public async Task TrainReranker_NoPublishedEntry_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(
            "train", "reranker", "--out", Path.Combine(_directory, "m.zip"), "--kb", CliRunner.Fixture("eval-kb.jsonl"),
            "--queries", CliRunner.Fixture("eval-queries.jsonl"), "--data", _directory);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("no entry with the status published"));
    }

    [Test]
    public async Task TrainReranker_MissingQueries_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(
            "train", "reranker", "--out", Path.Combine(_directory, "m.zip"), "--queries", Path.Combine(_directory, "absent.jsonl"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("absent.jsonl: no such file"));
    }

    // The recipe trains on published entries only; the evaluation fixture leaves the status out.
    private static string Published(string line)
    {
        var entry = JsonNode.Parse(line)!.AsObject();
        entry["status"] = "published";
        return entry.ToJsonString();
    }
}
