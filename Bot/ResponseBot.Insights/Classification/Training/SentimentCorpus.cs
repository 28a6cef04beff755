using System.Text.Json;
using CsvHelper;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>A text with a label and how much it counts in training.</summary>
/// <param name="Text">The raw text.</param>
/// <param name="Label">The label code.</param>
/// <param name="Weight">Its training weight.</param>
public sealed record LabelledText(string Text, string Label, float Weight = 1f);

/// <summary>
/// Reads the public sentiment sets of <c>shared/data/sentiment</c> into our three
/// labels: SMP2020-EWECT Weibo posts (happy → positive; neutral, surprise → neutral; angry, sad, fear → negative),
/// and polarity-labelled reviews (0 → negative, 1 → positive).
/// </summary>
public static class SentimentCorpus
{
    /// <summary>The sentiment codes, in the order of the sentiment model's scores.</summary>
    public static readonly IReadOnlyList<string> Labels = ["negative", "neutral", "positive"];

    /// <summary>SMP2020-EWECT's training file of the epidemic set.</summary>
    public const string VirusTrain = "sentiment/virus_train.txt";

    /// <summary>SMP2020-EWECT's labelled evaluation file of the epidemic set.</summary>
    public const string VirusEval = "sentiment/virus_eval_labeled.txt";

    /// <summary>SMP2020-EWECT's labelled evaluation file of the general set.</summary>
    public const string UsualEval = "sentiment/usual_eval_labeled.txt";

    /// <summary>The EWECT emotion read as one of our three sentiments.</summary>
    /// <exception cref="InvalidDataException">The emotion is none of the six.</exception>
    public static string FromEmotion(string emotion) => emotion switch
    {
        "happy" => "positive",
        "neutral" or "surprise" => "neutral",
        "angry" or "sad" or "fear" => "negative",
        _ => throw new InvalidDataException($"unknown SMP2020-EWECT emotion \"{emotion}\""),
    };

    /// <summary>Reads an SMP2020-EWECT file: one JSON array of <c>{id, content, label}</c>.</summary>
    public static IReadOnlyList<LabelledText> ReadEwect(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var items = new List<LabelledText>();
        foreach (var post in document.RootElement.EnumerateArray())
        {
            var content = post.GetProperty("content").GetString() ?? "";
            if (content.Trim().Length > 0)
            {
                items.Add(new LabelledText(content, FromEmotion(post.GetProperty("label").GetString() ?? "")));
            }
        }

        return items;
    }

    /// <summary>Reads a review CSV with columns <c>label</c> (0/1) and <c>review</c>.</summary>
    public static IReadOnlyList<LabelledText> ReadReviews(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions(), leaveOpen: false);
        if (!csv.TryGetFieldIndex("label", out var labelIndex) || !csv.TryGetFieldIndex("review", out var reviewIndex))
        {
            throw new InvalidDataException($"{path}: expected a header with the columns label and review");
        }

        var items = new List<LabelledText>();
        while (csv.Read())
        {
            var review = csv.GetString(reviewIndex).Trim().Trim('\uFEFF');
            var label = csv.GetString(labelIndex).Trim();
            if (review.Length > 0 && label is "0" or "1")
            {
                items.Add(new LabelledText(review, label == "1" ? "positive" : "negative"));
            }
        }

        return items;
    }

    /// <summary>
    /// Up to <paramref name="perLabel"/> texts of each label, at most <paramref name="maxLength"/> characters long,
    /// picked with a fixed seed.
    /// </summary>
    public static IReadOnlyList<LabelledText> Sample(IReadOnlyList<LabelledText> items, int perLabel, int maxLength, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        var random = new Random(seed);
        return items
            .Where(t => t.Text.Length <= maxLength)
            .GroupBy(t => t.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(perLabel))
            .ToList();
    }
}
