using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// What a model file says about itself, stored as an extra entry <see cref="EntryName"/> inside the ML.NET zip and
/// checked when the model is loaded: which model it is, its format version, the labels in score order (with names
/// for people), when it was trained and on which feature recipe.
/// </summary>
/// <param name="Model">sentiment, topic or department.</param>
/// <param name="Version">The model format version (<see cref="InsightModel.FormatVersion"/>).</param>
/// <param name="Labels">The label codes, in the order of the model's scores.</param>
/// <param name="LabelNames">Chinese names of the labels, where known.</param>
/// <param name="TrainedAt">When the model was trained.</param>
/// <param name="FeatureVersion">The <see cref="InquiryFeatures.Version"/> the model was trained on.</param>
/// <param name="FeatureDimension">The <see cref="InquiryFeatures.Dimension"/> the model was trained on.</param>
/// <param name="Seed">The training seed.</param>
public sealed record ModelManifest(
    string Model,
    int Version,
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, string> LabelNames,
    DateTimeOffset TrainedAt,
    int FeatureVersion,
    int FeatureDimension,
    int Seed)
{
    /// <summary>The name of the manifest's entry inside the model zip.</summary>
    public const string EntryName = "responsebot-model.json";

    /// <summary>Adds (or replaces) the manifest entry of the zip at <paramref name="modelPath"/>.</summary>
    public void WriteInto(string modelPath)
    {
        using var zip = ZipFile.Open(modelPath, ZipArchiveMode.Update);
        zip.GetEntry(EntryName)?.Delete();
        using var stream = zip.CreateEntry(EntryName, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(stream, this, ManifestJsonContext.Default.ModelManifest);
    }

    /// <summary>Reads the manifest of the zip at <paramref name="modelPath"/>; <see langword="null"/> when it has none.</summary>
    /// <exception cref="InvalidDataException">The file is not a zip, or the manifest is not valid JSON.</exception>
    /// <exception cref="JsonException">The manifest is not a manifest.</exception>
    public static ModelManifest? ReadFrom(string modelPath)
    {
        using var zip = ZipFile.OpenRead(modelPath);
        var entry = zip.GetEntry(EntryName);
        if (entry is null)
        {
            return null;
        }

        using var stream = entry.Open();
        return JsonSerializer.Deserialize(stream, ManifestJsonContext.Default.ModelManifest);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
