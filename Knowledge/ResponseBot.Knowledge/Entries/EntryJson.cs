using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ResponseBot.Knowledge.Entries;

/// <summary>The one JSON shape of entries: JSON Lines files, the store's rows and the HTTP API all use it.</summary>
public static class EntryJson
{
    /// <summary>
    /// camelCase names, enums as lower-case strings (<c>"published"</c>), null fields omitted, <c>DateOnly</c> as
    /// <c>yyyy-MM-dd</c>, and Chinese written as is rather than as <c>\uXXXX</c> so files stay readable to editors.
    /// Read-only: copy it with <c>new JsonSerializerOptions(EntryJson.Options)</c> to change anything.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The relaxed encoder only leaves HTML-sensitive characters unescaped; entries are never embedded in HTML
            // unencoded, and readable Chinese in exported files matters to the people who review them.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        // Numbers for enums would make a typo like "status": 1 silently valid.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
