using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ResponseBot.Insights.Alerts.Storage;

/// <summary>
/// How alerts and samples look as JSON in storage, on either provider: camelCase names, enums by their snake_case names
/// (numbers refused, so a damaged record fails loudly), null fields left out. Source-generated, so storing an alert
/// costs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<AlertKind>), typeof(SnakeCaseEnumConverter<AlertStatus>)])]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(AlertEvidence))]
[JsonSerializable(typeof(StoredSample))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext
{
    /// <summary>The naming of stored enum values.</summary>
    public static JsonNamingPolicy SnakeCase => JsonNamingPolicy.SnakeCaseLower;

    /// <summary>
    /// The context to store with: Chinese written as is rather than as <c>\uXXXX</c>, so a row or key read by hand
    /// during an incident is legible. Stored JSON is never embedded in HTML.
    /// </summary>
    // Built on first use: static initialisers in the generated half of this class may not have run yet.
    public static AlertsJsonContext Stored =>
        field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Serialises with <see cref="Stored"/>.</summary>
    public static string Serialize<T>(T value, Func<AlertsJsonContext, JsonTypeInfo<T>> type) =>
        JsonSerializer.Serialize(value, type(Stored));

    /// <summary>Deserialises with <see cref="Stored"/>; a stored <c>null</c> is damage.</summary>
    public static T Deserialize<T>(string json, Func<AlertsJsonContext, JsonTypeInfo<T>> type) =>
        JsonSerializer.Deserialize(json, type(Stored)) ?? throw new InvalidDataException("A stored alert record is null.");
}

/// <summary>An enum as its snake_case name; numbers are refused.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>A negative inquiry kept as a sample, with what it is listed under.</summary>
/// <param name="Topic">Its topic, or <c>none</c>.</param>
/// <param name="Subject">Who sent it (a pseudonym).</param>
/// <param name="Company">The company it names, when one.</param>
/// <param name="Sample">The sample as shown.</param>
internal sealed record StoredSample(string Topic, string Subject, string? Company, AlertSample Sample);
