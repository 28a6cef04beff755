using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Transfer;

/// <summary>What an import did.</summary>
/// <param name="Read">Data rows read from the file.</param>
/// <param name="Imported">Entries saved as a new version.</param>
/// <param name="Unchanged">Valid entries identical to their latest version, so not saved again.</param>
/// <param name="Problems">Every bad row and why; with skip-invalid these are the rows that were skipped.</param>
/// <param name="Applied">Whether anything was written to the store.</param>
public sealed record ImportReport(int Read, int Imported, int Unchanged, IReadOnlyList<EntryProblem> Problems, bool Applied);
