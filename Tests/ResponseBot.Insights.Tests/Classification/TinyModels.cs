using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Classification.Training;

namespace ResponseBot.Insights.Tests.Classification;

/// <summary>Small models trained in the test on hand-made feature vectors, to exercise loading without the shipped ones.</summary>
internal static class TinyModels
{
    public static readonly string[] Labels = ["a", "b"];

    public static ModelManifest Manifest(string name) => new(
        name, InsightModel.FormatVersion, Labels, new Dictionary<string, string> { ["a"] = "甲", ["b"] = "乙" },
        new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), InquiryFeatures.Version, InquiryFeatures.Dimension, InsightTrainer.Seed);

    /// <summary>Label a has feature 1, label b feature 2.</summary>
    public static IReadOnlyList<TrainingRow> Rows() =>
    [
        new(new FeatureVector([1], [1f]), 0, 1f),
        new(new FeatureVector([1, 5], [1f, 0.5f]), 0, 1f),
        new(new FeatureVector([2], [1f]), 1, 1f),
        new(new FeatureVector([2, 5], [1f, 0.5f]), 1, 1f),
    ];

    /// <summary>Trains and saves a model named <paramref name="name"/> with <paramref name="manifest"/> (default: a valid one).</summary>
    public static string Save(string directory, string name, ModelManifest? manifest = null)
    {
        var path = Path.Combine(directory, $"{name}.zip");
        var model = InsightTrainer.Fit(Rows(), Labels.Length, new TrainingOptions(0.1f, 0f, BalanceClasses: false));
        InsightTrainer.Save(model, Labels.Length, manifest ?? Manifest(name), path);
        return path;
    }
}
