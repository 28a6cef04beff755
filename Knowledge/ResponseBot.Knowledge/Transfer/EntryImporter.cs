using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Storage;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>
/// Imports an entry file into the store: every row is parsed and validated first, and by default nothing is written
/// unless every row is good, so a half-applied spreadsheet never reaches the store.
/// </summary>
public sealed class EntryImporter(IKnowledgeStore store, EntryValidator validator)
{
    /// <summary>
    /// Reads <paramref name="path"/> (format by extension), validates every row against the store's current ids, and
    /// saves the entries as user <paramref name="by"/>. With <paramref name="skipInvalid"/> the good rows are saved
    /// and the bad ones reported; without it any bad row means nothing is saved. <paramref name="progress"/> receives
    /// the number of rows checked so far.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not .csv, .jsonl or .xlsx.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<ImportReport> ImportAsync(
        string path, string by, bool skipInvalid, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var format = EntryFiles.FormatOf(path);

        IReadOnlyList<EntryRow> rows;
        try
        {
            await using var stream = File.OpenRead(path);
            rows = EntryFiles.Read(stream, format);
        }
        catch (InvalidDataException exception)
        {
            // A bad header makes every row meaningless: report it where the header is.
            var problem = new EntryProblem(format == EntryFormat.JsonLines ? null : 1, null, "header", exception.Message);
            return new ImportReport(0, 0, 0, [problem], Applied: false);
        }

        var existing = await store.ListAsync(cancellationToken);
        var existingVersions = existing.ToDictionary(e => e.Id, e => e.Version, StringComparer.Ordinal);
        var (good, problems) = Check(rows, existingVersions.Keys, progress);

        if (good.Count == 0 || (problems.Count > 0 && !skipInvalid))
        {
            return new ImportReport(rows.Count, 0, 0, problems, Applied: false);
        }

        var saved = await store.SaveAsync(good, by, cancellationToken);
        var unchanged = saved.Count(e => existingVersions.TryGetValue(e.Id, out var version) && version == e.Version);
        var imported = saved.Count - unchanged;
        return new ImportReport(rows.Count, imported, unchanged, problems, Applied: imported > 0);
    }

    /// <summary>Splits rows into entries that may be saved together and the problems of the rest.</summary>
    private (List<KnowledgeEntry> Good, List<EntryProblem> Problems) Check(
        IReadOnlyList<EntryRow> rows, IReadOnlyCollection<string> existingIds, IProgress<int>? progress)
    {
        var problems = rows
            .Where(r => r.Entry is null)
            .Select(r => new EntryProblem(r.Row, null, "row", r.Error ?? "无法解析 (cannot parse)"))
            .ToList();
        var candidates = rows.Where(r => r.Entry is not null).ToList();

        // Dropping a bad row can strand a follow-up in a good row that pointed at it, so re-check what is left until
        // nothing more drops out; every later pass only looks at rows that were fine before.
        while (true)
        {
            var found = validator.Validate(
                candidates.Select(r => r.Entry!).ToList(), candidates.Select(r => r.Row).ToList(), existingIds);
            if (found.Count == 0)
            {
                break;
            }

            problems.AddRange(found);
            var badRows = found.Select(p => p.Row).ToHashSet();
            candidates = candidates.Where(r => !badRows.Contains(r.Row)).ToList();
        }

        for (var i = 1; i <= rows.Count; i++)
        {
            progress?.Report(i);
        }

        problems.Sort((a, b) => (a.Row ?? 0).CompareTo(b.Row ?? 0));
        return (candidates.Select(r => r.Entry!).ToList(), problems);
    }
}
