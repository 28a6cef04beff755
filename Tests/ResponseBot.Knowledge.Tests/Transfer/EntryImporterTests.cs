using ResponseBot.Knowledge.Storage;
using ResponseBot.Knowledge.Tests.Entries;
using ResponseBot.Knowledge.Transfer;

namespace ResponseBot.Knowledge.Tests.Transfer;

public sealed class EntryImporterTests
{
    private const string Header = "id,question,answer,department,follow_ups";

    private TempFile _database = null!;
    private TempFile _csv = null!;
    private SqliteKnowledgeStore _store = null!;
    private EntryImporter _importer = null!;

    [SetUp]
    public void SetUp()
    {
        _database = new TempFile(".db");
        _csv = new TempFile(".csv");
        var clock = new ManualClock(TestEntries.Now);
        _store = new SqliteKnowledgeStore(_database.Path, clock);
        _importer = new EntryImporter(_store, TestEntries.Validator(clock));
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _database.Dispose();
        _csv.Dispose();
    }

    private Task<ImportReport> ImportCsvAsync(bool skipInvalid, params string[] rows)
    {
        File.WriteAllLines(_csv.Path, [Header, .. rows]);
        return _importer.ImportAsync(_csv.Path, "importer", skipInvalid, progress: null, CancellationToken.None);
    }

    private async Task<List<string>> StoredIdsAsync() => [.. (await _store.ListAsync(CancellationToken.None)).Select(e => e.Id)];

    [Test]
    public async Task ImportAsync_AllRowsValid_SavesThemAll()
    {
        var report = await ImportCsvAsync(false, "a,问,答,sme,下一步=>b", "b,问,答,office,");

        Assert.That((report.Read, report.Imported, report.Unchanged, report.Applied), Is.EqualTo((2, 2, 0, true)));
        Assert.That(report.Problems, Is.Empty);
        Assert.That(await StoredIdsAsync(), Is.EqualTo(new List<string> { "a", "b" }));
        Assert.That((await _store.GetAsync("a", CancellationToken.None))!.UpdatedBy, Is.EqualTo("importer"));
    }

    [Test]
    public async Task ImportAsync_OneBadRow_ImportsNothingAndReportsRowAndReason()
    {
        var report = await ImportCsvAsync(false, "a,问,答,sme,", "b,问,答,finance,", "c,问,答,sme,");

        Assert.That((report.Read, report.Imported, report.Applied), Is.EqualTo((3, 0, false)));
        Assert.That(report.Problems.Select(p => (p.Row, p.EntryId, p.Field)), Is.EqualTo(new[] { ((int?)3, "b", "department") }));
        Assert.That(await StoredIdsAsync(), Is.Empty);
    }

    [Test]
    public async Task ImportAsync_UnparsableRow_ImportsNothingAndReportsIt()
    {
        File.WriteAllText(_csv.Path, "id,question,answer,department,status\na,问,答,sme,published\nb,问,答,sme,live\n");
        var report = await _importer.ImportAsync(_csv.Path, "importer", skipInvalid: false, progress: null, CancellationToken.None);

        Assert.That(report.Applied, Is.False);
        Assert.That(report.Problems.Single().ToString(), Does.StartWith("row 3: row: status"));
        Assert.That(await StoredIdsAsync(), Is.Empty);
    }

    [Test]
    public async Task ImportAsync_SkipInvalid_ImportsGoodRowsAndListsSkippedOnes()
    {
        var report = await ImportCsvAsync(true, "a,问,答,sme,", "b,,答,sme,", "c,问,答,sme,");

        Assert.That((report.Read, report.Imported, report.Applied), Is.EqualTo((3, 2, true)));
        Assert.That(report.Problems.Select(p => (p.Row, p.EntryId, p.Field)), Is.EqualTo(new[] { ((int?)3, "b", "question") }));
        Assert.That(await StoredIdsAsync(), Is.EqualTo(new List<string> { "a", "c" }));
    }

    [Test]
    public async Task ImportAsync_SkipInvalid_AlsoSkipsRowsWhoseFollowUpPointsAtASkippedRow()
    {
        var report = await ImportCsvAsync(true, "a,问,答,sme,详情=>b", "b,问,答,finance,", "c,问,答,sme,");

        Assert.That(report.Problems.Select(p => (p.Row, p.Field)), Is.EqualTo(new[]
        {
            ((int?)2, "followUps[0].entryId"),
            (3, "department"),
        }));
        Assert.That(await StoredIdsAsync(), Is.EqualTo(new List<string> { "c" }));
    }

    [Test]
    public async Task ImportAsync_FollowUpToAnEntryAlreadyStored_IsValid()
    {
        await _store.SaveAsync([TestEntries.Minimal("stored")], "editor", CancellationToken.None);
        var report = await ImportCsvAsync(false, "a,问,答,sme,看看=>stored");
        Assert.That((report.Imported, report.Applied, report.Problems.Count), Is.EqualTo((1, true, 0)));
    }

    [Test]
    public async Task ImportAsync_SameFileTwice_SecondTimeIsUnchangedAndWritesNothing()
    {
        await ImportCsvAsync(false, "a,问,答,sme,", "b,问,答,sme,");
        var again = await ImportCsvAsync(false, "a,问,答,sme,", "b,问,改过的答案,sme,");

        Assert.That((again.Imported, again.Unchanged, again.Applied), Is.EqualTo((1, 1, true)));
        Assert.That(await _store.GetHistoryAsync("a", CancellationToken.None), Has.Count.EqualTo(1));
        Assert.That(await _store.GetHistoryAsync("b", CancellationToken.None), Has.Count.EqualTo(2));

        var third = await ImportCsvAsync(false, "a,问,答,sme,", "b,问,改过的答案,sme,");
        Assert.That((third.Imported, third.Unchanged, third.Applied), Is.EqualTo((0, 2, false)));
    }

    [Test]
    public async Task ImportAsync_ExportedStore_ReimportsUnchanged()
    {
        await ImportCsvAsync(false, "a,问,答,sme,下一步=>b", "b,问,答,office,");
        using var export = new TempFile(".xlsx");
        await using (var stream = File.Create(export.Path))
        {
            EntryFiles.Write(stream, await _store.ListAsync(CancellationToken.None), EntryFormat.Xlsx);
        }

        var report = await _importer.ImportAsync(export.Path, "other", skipInvalid: false, progress: null, CancellationToken.None);
        Assert.That((report.Read, report.Imported, report.Unchanged, report.Applied), Is.EqualTo((2, 0, 2, false)));
    }

    [Test]
    public async Task ImportAsync_ReportsProgressForEveryRow()
    {
        var seen = new List<int>();
        File.WriteAllLines(_csv.Path, [Header, "a,问,答,sme,", "b,问,答,sme,", "c,问,答,sme,"]);
        await _importer.ImportAsync(_csv.Path, "importer", false, new SynchronousProgress(seen.Add), CancellationToken.None);
        Assert.That(seen, Is.EqualTo(new List<int> { 1, 2, 3 }));
    }

    [Test]
    public async Task ImportAsync_BadHeader_ReportsHeaderProblemAndImportsNothing()
    {
        File.WriteAllText(_csv.Path, "id,question,answer\na,问,答\n");
        var report = await _importer.ImportAsync(_csv.Path, "importer", skipInvalid: true, progress: null, CancellationToken.None);

        Assert.That(report.Applied, Is.False);
        var problem = report.Problems.Single();
        Assert.That((problem.Row, problem.Field), Is.EqualTo(((int?)1, "header")));
        Assert.That(problem.Message, Does.Contain("department"));
    }

    [Test]
    public void ImportAsync_UnsupportedExtension_Throws() =>
        Assert.That(
            () => _importer.ImportAsync("kb.txt", "importer", false, null, CancellationToken.None),
            Throws.ArgumentException);

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need each report before the call returns.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
