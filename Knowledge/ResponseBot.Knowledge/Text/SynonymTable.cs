namespace ResponseBot.Knowledge.Text;

/// <summary>
/// Maps every term of a synonym group to the group's first (canonical) term, so 电动车 and 新能源汽车 count as
/// the same word. File format: one group a line, canonical first, separated by spaces; <c>#</c> starts a comment.
/// </summary>
public sealed class SynonymTable
{
    private readonly Dictionary<string, string> _canonical;

    private SynonymTable(Dictionary<string, string> canonical) => _canonical = canonical;

    public static SynonymTable Empty { get; } = new([]);

    /// <summary>All terms that have a canonical form, canonical terms included.</summary>
    public IEnumerable<string> Terms => _canonical.Keys;

    public int Count => _canonical.Count;

    public static SynonymTable Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0];
            var terms = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(t => TextNormalizer.Fold(t).Replace(" ", "", StringComparison.Ordinal))
                .Where(t => t.Length > 0)
                .ToArray();
            if (terms.Length < 2)
            {
                continue;
            }

            // A term in two groups keeps its first group: the table is read top to bottom, most specific first.
            foreach (var term in terms)
            {
                canonical.TryAdd(term, terms[0]);
            }
        }

        return new SynonymTable(canonical);
    }

    /// <summary>The canonical form of <paramref name="term"/>, or the term itself.</summary>
    public string Canonical(string term) => _canonical.TryGetValue(term, out var c) ? c : term;

    public bool Contains(string term) => _canonical.ContainsKey(term);
}
