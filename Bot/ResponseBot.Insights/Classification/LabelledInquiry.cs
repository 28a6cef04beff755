using System.Text.Json;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// One labelled inquiry of a training or evaluation file. Every label may be absent (not labelled); a topic labelled
/// JSON <c>null</c> means "on no hot topic" and is read as <see cref="Bot.Turns.InquiryAnalysis.NoTopic"/>.
/// </summary>
/// <param name="Text">What the user wrote or said.</param>
/// <param name="Department">Department code, or <see langword="null"/> when not labelled.</param>
/// <param name="Topic">Hot-topic code, <c>none</c>, or <see langword="null"/> when not labelled.</param>
/// <param name="Sentiment">negative / neutral / positive, or <see langword="null"/> when not labelled.</param>
/// <param name="Channel">wechat or hotline when the file says so (style of writing), else <see langword="null"/>.</param>
public sealed record LabelledInquiry(string Text, string? Department, string? Topic, string? Sentiment, string? Channel = null);

/// <summary>Reads labelled inquiries: one JSON object a line, <c>{"text", "department", "topic", "sentiment"}</c>.</summary>
public static class LabelledInquiries
{
    private static readonly string[] Sentiments = ["negative", "neutral", "positive"];

    /// <summary>
    /// Reads <paramref name="path"/>, checking every label against <paramref name="departments"/> and
    /// <paramref name="topics"/> (taxonomy codes). Blank lines are skipped.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not such an object or names an unknown code; the message gives the line number.</exception>
    public static IReadOnlyList<LabelledInquiry> Read(string path, IReadOnlyCollection<string> departments, IReadOnlyCollection<string> topics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(topics);
        var items = new List<LabelledInquiry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                items.Add(Parse(line, departments, topics));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{number}: {e.Message}", e);
            }
        }

        return items;
    }

    private static LabelledInquiry Parse(string line, IReadOnlyCollection<string> departments, IReadOnlyCollection<string> topics)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("expected one JSON object a line");
        }

        var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidDataException("\"text\" must be a non-empty string");
        }

        var department = Code(root, "department", departments, nullMeans: null);
        var topic = Code(root, "topic", topics, nullMeans: Bot.Turns.InquiryAnalysis.NoTopic);
        var sentiment = Code(root, "sentiment", Sentiments, nullMeans: null);
        var channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new LabelledInquiry(text, department, topic, sentiment, channel);
    }

    private static string? Code(JsonElement root, string name, IReadOnlyCollection<string> allowed, string? nullMeans)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return value.ValueKind == JsonValueKind.Null ? nullMeans : null;
        }

        var code = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (code == nullMeans && code is not null)
        {
            return code;
        }

        if (code is null || !allowed.Contains(code))
        {
            throw new InvalidDataException($"\"{name}\" is {value.GetRawText()}; expected one of {string.Join(", ", allowed)}{(nullMeans is null ? "" : " or null")}");
        }

        return code;
    }
}
