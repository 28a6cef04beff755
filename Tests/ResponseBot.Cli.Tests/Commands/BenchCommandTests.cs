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
