using System.Globalization;
using System.Text;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>
/// The card that travels with each trained insight model (<c>sentiment.md</c> beside <c>sentiment.zip</c>, and so on):
/// what it was trained on, how large the data was, how well it did on held-out data, when, and how long it took.
/// </summary>
public static class InsightModelCard
{
    /// <summary>The card's path for a model path: the same name with <c>.md</c>.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".md");

    /// <summary>Renders the card of one model.</summary>
    /// <param name="report">How the model was trained and scored.</param>
    /// <param name="trainedAt">When.</param>
    /// <param name="totalSeconds">Wall-clock seconds that training all three models took, cross-validation included.</param>
    /// <param name="notes">Extra lines about the run (for example, that public data was absent).</param>
    public static string Render(ModelReport report, DateTimeOffset trainedAt, double totalSeconds, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(notes);
        var c = CultureInfo.InvariantCulture;
        var spec = report.Spec;
        var card = new StringBuilder();
        card.AppendLine(c, $"# {char.ToUpperInvariant(spec.Name[0])}{spec.Name[1..]} model card");
        card.AppendLine();
        card.AppendLine(c, $"- Trained: {trainedAt:yyyy-MM-dd HH:mm} UTC by `responsebot train`, seed {InsightTrainer.Seed}; model format version {InsightModel.FormatVersion}, features version {InquiryFeatures.Version}.");
        card.AppendLine(c, $"- Model: ML.NET L-BFGS maximum entropy (multinomial logistic regression), L2 {spec.Options.L2}, L1 {spec.Options.L1}, classes {(spec.Options.BalanceClasses ? "weighted to equal totals" : "as they come")}.");
        card.AppendLine(c, $"- Features: personal data masked and @-mentions dropped, then the knowledge engine's analysis (normalisation, jieba with the domain dictionary, synonyms); jieba words and adjacent word pairs, character 1–3-grams, digits folded; marks the analysis drops (bracketed emoticons such as [怒], emoji, runs of ! ? …, the word after 不/没/别…) at half weight; hashed into {InquiryFeatures.Dimension} dimensions, sublinear TF, each block unit length.");
        card.AppendLine(c, $"- Labels (score order): {string.Join(", ", spec.Labels.Select(l => spec.LabelNames.TryGetValue(l, out var n) ? $"{l} {n}" : l))}.");
        card.AppendLine(c, $"- Time: this model {report.TrainSeconds:F1} s to featurise and fit; all three models {totalSeconds:F0} s with cross-validation (2 cores).");
        foreach (var note in notes)
        {
            card.AppendLine(c, $"- {note}");
        }

        card.AppendLine();
        card.AppendLine("## Training data");
        card.AppendLine();
        card.AppendLine("| set | examples | total weight |");
        card.AppendLine("|---|---:|---:|");
        foreach (var (name, rows, weight) in report.Sets)
        {
            card.AppendLine(c, $"| {name} | {rows} | {weight:F0} |");
        }

        card.AppendLine();
        card.AppendLine("Public sets (`shared/data`, research data, not redistributed) are used to train only; the team-written domain");
        card.AppendLine("inquiries are `Bot/data/inquiries/train-*.jsonl`; the knowledge-base questions come from `Knowledge/data`");
        card.AppendLine("(demo, kb-b, kb-c and their labelled queries). Never trained on: `Bot/data/inquiries/dev-*.jsonl`, the public");
        card.AppendLine("evaluation sets.");
        card.AppendLine();
        card.AppendLine("## Held-out metrics");
        card.AppendLine();
        card.AppendLine("| set | examples | accuracy | macro-F1 | extra |");
        card.AppendLine("|---|---:|---:|---:|---|");
        foreach (var score in report.Scores)
        {
            var extra = score.Top3 is { } top3 ? $"top-3 {top3:P1}" : score.NegativeF1 is { } neg ? $"negative-vs-rest macro-F1 {neg:F3}" : "";
            card.AppendLine(c, $"| {score.Set} | {score.Count} | {score.Accuracy:P1} | {score.MacroF1:F3} | {extra} |");
        }

        if (report.CrossValidation is { } cv)
        {
            card.AppendLine();
            card.AppendLine(c, $"{cv.Folds}-fold cross-validation over the domain inquiries (other sets in every fold's training data): accuracy {cv.AccuracyMean:P1} ± {cv.AccuracySd:P1}, macro-F1 {cv.MacroF1Mean:F3} ± {cv.MacroF1Sd:F3}.");
        }

        card.AppendLine();
        card.AppendLine("Measure the shipped models on any labelled file with `responsebot eval classify --data FILE.jsonl`;");
        card.AppendLine("the sentiment baseline comparison is `responsebot eval sentiment`.");
        return card.ToString();
    }
}
