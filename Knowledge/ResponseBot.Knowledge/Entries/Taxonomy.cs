using System.Text.Json;

namespace ResponseBot.Knowledge.Entries;

/// <summary>The department and hot-topic codes of taxonomy.json that entries may use.</summary>
public sealed class Taxonomy
{
    private Taxonomy(IReadOnlyDictionary<string, string> departments, IReadOnlyDictionary<string, string> hotTopics)
    {
        Departments = departments;
        HotTopics = hotTopics;
    }

    /// <summary>Department code → Chinese name, in file order.</summary>
    public IReadOnlyDictionary<string, string> Departments { get; }

    /// <summary>Hot-topic code → Chinese name, in file order.</summary>
    public IReadOnlyDictionary<string, string> HotTopics { get; }

    /// <summary>Reads <c>departments[].code/name</c> and <c>hot_topics[].code/name</c> from <paramref name="path"/>.</summary>
    public static Taxonomy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return new Taxonomy(
            ReadCodes(document.RootElement, "departments", path),
            ReadCodes(document.RootElement, "hot_topics", path));
    }

    /// <summary>The taxonomy shipped beside the application: <c>data/taxonomy.json</c> under the base directory.</summary>
    public static Taxonomy LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "data", "taxonomy.json"));

    private static Dictionary<string, string> ReadCodes(JsonElement root, string property, string path)
    {
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: \"{property}\" must be an array of {{ code, name }}.");
        }

        // Dictionary keeps insertion order while nothing is removed, so error messages list codes as the file does.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            var code = item.TryGetProperty("code", out var c) ? c.GetString() : null;
            var name = item.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(code) || name is null || !codes.TryAdd(code, name))
            {
                throw new InvalidDataException($"{path}: every item of \"{property}\" needs a unique code and a name.");
            }
        }

        return codes;
    }
}
