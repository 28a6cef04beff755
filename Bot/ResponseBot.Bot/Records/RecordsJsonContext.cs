using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Bot.Records;

/// <summary>
/// How records look as JSON in storage, on either provider: camelCase names, enums by their snake_case names (as the
/// HTTP API writes them, so a stored record reads like a listed one), null fields left out. Source-generated, so
/// storing a record costs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(SnakeCaseEnumConverter<InboundKind>),
        typeof(SnakeCaseEnumConverter<ReplyKind>),
        typeof(SnakeCaseEnumConverter<HandoffReason>),
        typeof(SnakeCaseEnumConverter<WorkOrderStatus>),
    ])]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(Feedback))]
[JsonSerializable(typeof(WorkOrder))]
[JsonSerializable(typeof(IReadOnlyList<TranscriptLine>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class RecordsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to store with: Chinese written as is rather than as <c>\uXXXX</c>, so a row or key read by hand
    /// during an incident is legible. Stored JSON is never embedded in HTML.
    /// </summary>
    // Built on first use: static initialisers in the generated half of this class may not have run yet.
    public static RecordsJsonContext Stored =>
        field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>An enum as its snake_case name; numbers are refused so a damaged record fails loudly.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
