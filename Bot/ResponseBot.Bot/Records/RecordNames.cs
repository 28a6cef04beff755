using System.Text.Json;

namespace ResponseBot.Bot.Records;

/// <summary>
/// The names the enums of records go by wherever they are written — stored JSON, SQLite columns, Redis keys, the HTTP
/// API and its query strings: snake_case, e.g. <c>repeated_fallback</c>.
/// </summary>
public static class RecordNames
{
    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Every name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(NameOf)];

    /// <summary>Reads a name written by <see cref="NameOf{TEnum}"/>, ignoring case; numbers are not names.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads a stored name; a name this build does not know means the data is damaged or newer.</summary>
    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value)
            ? value
            : throw new InvalidDataException($"'{name}' is not a stored {typeof(TEnum).Name}.");
}
