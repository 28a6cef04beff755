using Microsoft.Data.Sqlite;

namespace ResponseBot.Cli.Tests.Commands;

public sealed class KbCommandTests
{
    private string _directory = null!;
    private string _db = null!;

    [SetUp]
    public void CreateStorePath()
    {
        _directory = Directory.CreateTempSubdirectory("responsebot-kb-").FullName;
        _db = Path.Combine(_directory, "kb.db");
    }

    [TearDown]
    public void DeleteStore()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Import_ValidFile_ImportsEveryRow()
    {
        var run = await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--by", "alice");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("read 3 row(s): 3 imported, 0 unchanged"));
        var list = await Kb("list");
        Assert.That(list.Stdout, Does.Contain("cloud-subsidy").And.Contain("credit-repair").And.Contain("techno-filing"));
        Assert.That(list.Stdout, Does.Contain("3 entries"));
    }

    [Test]
    public async Task Import_SameFileTwice_SecondLeavesEntriesUnchanged()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("0 imported, 3 unchanged"));
    }

    [Test]
    public async Task Import_BadRows_ReportsEachByRowAndImportsNothing()
    {
        var run = await Kb("import", CliRunner.Fixture("entries-bad-rows.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        var problems = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(problems[0], Is.EqualTo("checking rows 4"));
        Assert.That(problems[1], Does.StartWith("row 3 (id bad-department): department"));
        Assert.That(problems[2], Does.StartWith("row 5 (id no-answer): answer"));
        Assert.That(problems[^1], Does.StartWith("error: nothing imported").And.Contain("--skip-invalid"));
        var list = await Kb("list");
        Assert.That(list.Stdout, Does.Contain("0 entries"));
    }

    [Test]
    public async Task Import_BadRowsWithSkipInvalid_ImportsTheValidRows()
    {
        var run = await Kb("import", CliRunner.Fixture("entries-bad-rows.csv"), "--skip-invalid");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("2 imported").And.Contain("2 skipped as invalid"));
        Assert.That(run.Stderr, Does.Contain("row 3").And.Contain("row 5"));
        var list = await Kb("list");
        Assert.That(list.Stdout, Does.Contain("sme-loan").And.Contain("open-gov").And.Not.Contain("bad-department"));
    }

    [Test]
    public async Task Import_UnsupportedExtension_ExitsTwo()
    {
        var file = Path.Combine(_directory, "entries.txt");
        await File.WriteAllTextAsync(file, "x");

        var run = await Kb("import", file);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain(".txt"));
    }

    [Test]
    public async Task Import_WithPublish_PublishesTheEntriesWithPublishedStatus()
    {
        var run = await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("published snapshot v1: 2 entries"));
    }

    [Test]
    public async Task Publish_TwiceAfterImport_NumbersSnapshots()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var first = await Kb("publish", "--by", "bob", "--note", "first");
        var second = await Kb("publish", "--by", "bob");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Stdout, Does.Contain("published snapshot v1: 2 entries, by bob"));
        Assert.That(second.Stdout, Does.Contain("published snapshot v2"));
    }

    [Test]
    public async Task History_AfterTwoImports_ListsBothVersionsOldestFirst()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--by", "alice");
        await Kb("import", CliRunner.Fixture("entries-valid-v2.jsonl"), "--by", "bob");

        var run = await Kb("history", "cloud-subsidy");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var rows = run.StdoutLines.Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Does.StartWith("1").And.Contain("alice"));
        Assert.That(rows[1], Does.StartWith("2").And.Contain("bob"));
    }

    [Test]
    public async Task History_UnknownId_ExitsTwo()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("history", "no-such-entry");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("no entry with id \"no-such-entry\""));
    }

    [Test]
    public async Task Show_KnownId_PrintsFieldsWithDepartmentName()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("show", "credit-repair");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("企业信用修复怎么申请？").And.Contain("失信记录能不能修复").And.Contain("信用办"));
    }

    [Test]
    public async Task Show_UnknownId_ExitsTwo()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("show", "no-such-entry");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim(), Is.EqualTo("error: no entry with id \"no-such-entry\""));
    }

    [Test]
    public async Task Show_StoreMissing_ExitsTwoNamingThePath()
    {
        var run = await Kb("show", "anything");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(_db));
    }

    [Test]
    public async Task List_FilteredByStatusAndDepartment_ShowsOnlyMatches()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var drafts = await Kb("list", "--status", "draft");
        var credit = await Kb("list", "--department", "credit");

        Assert.That(drafts.Stdout, Does.Contain("techno-filing").And.Not.Contain("credit-repair"));
        Assert.That(credit.Stdout, Does.Contain("credit-repair").And.Not.Contain("cloud-subsidy"));
    }

    [Test]
    public async Task List_UnknownDepartment_ExitsTwoListingKnownCodes()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("list", "--department", "transport");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("transport").And.Contain("office"));
    }

    [Test]
    public async Task Search_BeforeAnyPublish_FailsSayingSo()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"));

        var run = await Kb("search", "上云补贴");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("nothing is published yet"));
    }

    [Test]
    public async Task Search_AfterPublish_ShowsTierAndRankedHits()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--publish");

        var run = await Kb("search", "企业上云有什么补贴？", "--take", "2");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StdoutLines[0], Does.StartWith("snapshot v1 (2 entries) · tier: "));
        Assert.That(run.StdoutLines[2], Does.Contain("cloud-subsidy").And.Contain("信息化推进处"));
    }

    [Test]
    public async Task Export_ThenReimport_LeavesEveryEntryUnchanged()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--publish");
        var file = Path.Combine(_directory, "out", "entries.xlsx");

        var export = await Kb("export", file);
        var reimport = await Kb("import", file);

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.Stdout, Does.Contain("exported 3 entries"));
        Assert.That(reimport.Stdout, Does.Contain("0 imported, 3 unchanged"), reimport.ToString());
    }

    [Test]
    public async Task Export_Published_WritesOnlyTheSnapshot()
    {
        await Kb("import", CliRunner.Fixture("entries-valid.jsonl"), "--publish");
        var file = Path.Combine(_directory, "published.jsonl");

        var run = await Kb("export", file, "--published");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.ReadAllLines(file), Has.Length.EqualTo(2));
    }

    private Task<CliRun> Kb(params string[] args) => CliRunner.RunAsync(["--db", _db, "kb", .. args]);
}
