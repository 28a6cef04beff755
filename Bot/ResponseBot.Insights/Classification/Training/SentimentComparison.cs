using ResponseBot.Insights.Evaluation;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>One evaluation set of the comparison: the reference figures, the baseline measured here, and ours.</summary>
/// <param name="Set">The evaluation file.</param>
/// <param name="Count">Posts in it.</param>
/// <param name="ReferenceMacroF1">The reference 3-class macro-F1 for the baseline.</param>
/// <param name="ReferenceNegativeF1">The reference negative-vs-rest macro-F1 for the baseline.</param>
/// <param name="BaselineMacroF1">3-class macro-F1 of the baseline as trained here.</param>
/// <param name="BaselineNegativeF1">Negative-vs-rest macro-F1 of the baseline as trained here.</param>
/// <param name="OursMacroF1">3-class macro-F1 of our recipe.</param>
/// <param name="OursNegativeF1">Negative-vs-rest macro-F1 of our recipe.</param>
public sealed record SentimentComparisonRow(
    string Set, int Count, double ReferenceMacroF1, double ReferenceNegativeF1, double BaselineMacroF1, double BaselineNegativeF1,
    double OursMacroF1, double OursNegativeF1);

/// <summary>
/// The sentiment target: train the classical baseline (<see cref="SentimentBaseline"/>) and our recipe
/// (<see cref="InquiryFeatures"/> with the shipped sentiment model's trainer and regularisation) on SMP2020-EWECT
/// <c>virus_train</c> alone, and score both on <c>usual_eval_labeled</c> and <c>virus_eval_labeled</c>.
/// </summary>
public static class SentimentComparison
{
    /// <summary>How far ours must beat each reference figure.</summary>
    public const double RequiredMargin = 0.03;

    /// <summary>The reference figures for the baseline: (file, 3-class macro-F1, negative-vs-rest macro-F1).</summary>
    public static readonly IReadOnlyList<(string File, double MacroF1, double NegativeF1)> References =
    [
        (SentimentCorpus.UsualEval, 0.630, 0.746),
        (SentimentCorpus.VirusEval, 0.746, 0.822),
    ];

    /// <summary>Runs the comparison on the public data in <paramref name="sharedData"/>.</summary>
    /// <exception cref="FileNotFoundException">One of the SMP2020-EWECT files is missing.</exception>
    public static IReadOnlyList<SentimentComparisonRow> Run(string sharedData, InquiryFeatures features, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sharedData);
        ArgumentNullException.ThrowIfNull(features);
        var labels = SentimentCorpus.Labels;
        var train = SentimentCorpus.ReadEwect(Path.Combine(sharedData, SentimentCorpus.VirusTrain));
        progress?.Report($"training the baseline (TF-IDF words 1–2 + characters 1–3, LinearSvm one-versus-all) on {train.Count} posts");
        var baseline = SentimentBaseline.Train(train, features.Analyzer, labels);
        progress?.Report($"training our recipe on the same {train.Count} posts");
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var rows = train.Select(t => new TrainingRow(features.Featurize(t.Text), index[t.Label], t.Weight)).ToList();
        var ours = InsightTrainer.Predictor(InsightTrainer.Fit(rows, labels.Count, InsightTraining.SentimentOptions));
        var results = new List<SentimentComparisonRow>();
        foreach (var (file, referenceMacro, referenceNegative) in References)
        {
            var eval = SentimentCorpus.ReadEwect(Path.Combine(sharedData, file));
            progress?.Report($"scoring both on {file} ({eval.Count} posts)");
            var expected = eval.Select(e => e.Label).ToList();
            var baselineMetrics = ClassificationMetrics.Compute(expected, eval.Select(e => baseline(e.Text)).ToList(), labels);
            var oursMetrics = ClassificationMetrics.Compute(expected, eval.Select(e => Best(ours(features.Featurize(e.Text)), labels)).ToList(), labels);
            results.Add(new SentimentComparisonRow(
                Path.GetFileNameWithoutExtension(file), eval.Count, referenceMacro, referenceNegative,
                baselineMetrics.MacroF1, baselineMetrics.OneVersusRest("negative").MacroF1,
                oursMetrics.MacroF1, oursMetrics.OneVersusRest("negative").MacroF1));
        }

        return results;
    }

    private static string Best(float[] scores, IReadOnlyList<string> labels)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return labels[best];
    }
}
