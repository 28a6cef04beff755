using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResponseBot.Bot.State;

/// <summary>
/// How conversation state looks as JSON in Redis: camelCase names, null fields left out. Source-generated, so a turn
/// costs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to store with: Chinese written as is rather than as <c>\uXXXX</c>, so a key read by hand during an
    /// incident is legible. Stored JSON is never embedded in HTML.
    /// </summary>
    // Built on first use: a static initialiser could run before the generated Default is set.
    public static StateJsonContext Stored =>
        _stored ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static StateJsonContext? _stored;
}
