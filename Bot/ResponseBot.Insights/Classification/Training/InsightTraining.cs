using System.Diagnostics;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Evaluation;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>What one model is: its name, labels in score order, Chinese names and regularisation.</summary>
/// <param name="Name">sentiment, topic or department (the manifest's model name).</param>
/// <param name="Labels">The label codes in score order.</param>
/// <param name="LabelNames">Chinese names of the labels.</param>
/// <param name="Options">How it is regularised.</param>
public sealed record ModelSpec(string Name, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string> LabelNames, TrainingOptions Options);

/// <summary>Scores of a model on one labelled set.</summary>
/// <param name="Set">The set's name.</param>
/// <param name="Count">How many examples.</param>
/// <param name="Accuracy">Share right, 0–1.</param>
/// <param name="MacroF1">Macro-F1 over the classes that occur.</param>
/// <param name="Top3">Top-3 accuracy (departments), else <see langword="null"/>.</param>
/// <param name="NegativeF1">Macro-F1 of negative against the rest (sentiment), else <see langword="null"/>.</param>
public sealed record SetScore(string Set, int Count, double Accuracy, double MacroF1, double? Top3, double? NegativeF1);

/// <summary>Cross-validation over the domain inquiries: the mean and standard deviation of each fold's scores.</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="AccuracyMean">Mean accuracy.</param>
/// <param name="AccuracySd">Standard deviation of accuracy.</param>
/// <param name="MacroF1Mean">Mean macro-F1.</param>
/// <param name="MacroF1Sd">Standard deviation of macro-F1.</param>
public sealed record CrossValidation(int Folds, double AccuracyMean, double AccuracySd, double MacroF1Mean, double MacroF1Sd);

/// <summary>How one model was trained and how well it did.</summary>
/// <param name="Spec">The model.</param>
/// <param name="Sets">Training sets: name, examples, total weight.</param>
/// <param name="Scores">Held-out scores: the dev files and, for sentiment, the public evaluation sets.</param>
/// <param name="CrossValidation">Cross-validation over the domain inquiries, when they are enough.</param>
/// <param name="TrainSeconds">Seconds to featurise and fit the shipped model (cross-validation not counted).</param>
public sealed record ModelReport(
    ModelSpec Spec, IReadOnlyList<(string Name, int Rows, double Weight)> Sets, IReadOnlyList<SetScore> Scores,
    CrossValidation? CrossValidation, double TrainSeconds);

/// <summary>
/// Trains a model from its sets, scores it on held-out sets, cross-validates it over the domain inquiries and saves
/// it with its manifest. Texts are featurised once and shared by the three models.
/// </summary>
public sealed class InsightTraining(InquiryFeatures features, IProgress<string>? progress = null)
{
    /// <summary>The name of the domain set that cross-validation folds; other sets stay in every fold's training data.</summary>
    public const string DomainSet = "domain inquiries";

    /// <summary>Folds of the cross-validation.</summary>
    public const int Folds = 5;

    private readonly Dictionary<string, FeatureVector> _cache = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Features of <paramref name="text"/>, computed once.</summary>
    public FeatureVector Featurize(string text)
    {
        if (!_cache.TryGetValue(text, out var vector))
        {
            vector = features.Featurize(text);
            _cache[text] = vector;
        }

        return vector;
    }

    /// <summary>The three models with their labels (taxonomy order) and regularisation.</summary>
    public static IReadOnlyList<ModelSpec> Specs(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var sentimentNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["negative"] = "负面", ["neutral"] = "中性", ["positive"] = "正面" };
        var topicNames = taxonomy.HotTopics.ToDictionary(StringComparer.Ordinal);
        topicNames[InquiryAnalysis.NoTopic] = "无热点";
        return
        [
            new ModelSpec("sentiment", SentimentCorpus.Labels, sentimentNames, SentimentOptions),
            new ModelSpec("topic", [.. taxonomy.HotTopics.Keys, InquiryAnalysis.NoTopic], topicNames, new TrainingOptions(L2: 0.3f, L1: 0f, BalanceClasses: true)),
            new ModelSpec("department", [.. taxonomy.Departments.Keys], taxonomy.Departments.ToDictionary(StringComparer.Ordinal), new TrainingOptions(L2: 0.3f, L1: 0f, BalanceClasses: true)),
        ];
    }

    /// <summary>
    /// The sentiment model's regularisation, shared with the baseline comparison. L2 chosen by 5-fold
    /// cross-validation on SMP2020 virus_train (0.2 / 0.3 / 0.5 / 1: macro-F1 0.779 / 0.780 / 0.781 / 0.778).
    /// </summary>
    public static TrainingOptions SentimentOptions { get; } = new(L2: 0.5f, L1: 0f, BalanceClasses: false);

    /// <summary>
    /// Trains the three models of <see cref="Specs"/> on <see cref="InsightRecipe"/>'s data and saves them into
    /// <paramref name="outDirectory"/>; scores each on <paramref name="dev"/> (never trained on) and, for sentiment,
    /// on the public evaluation sets.
    /// </summary>
    public IReadOnlyList<(ModelReport Report, string Path)> TrainAll(
        TrainingSources sources, IReadOnlyList<LabelledInquiry> dev, Taxonomy taxonomy, string outDirectory, DateTimeOffset trainedAt)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(dev);
        var results = new List<(ModelReport, string)>();
        foreach (var spec in Specs(taxonomy))
        {
            var (sets, heldOut) = spec.Name switch
            {
                "sentiment" => (InsightRecipe.Sentiment(sources), SentimentHeldOut(dev, sources.SharedData)),
                "topic" => (InsightRecipe.Topic(sources), [DevSet(dev, d => d.Topic)]),
                _ => (InsightRecipe.Department(sources), [DevSet(dev, d => d.Department)]),
            };
            var path = System.IO.Path.Combine(outDirectory, $"{spec.Name}.zip");
            results.Add((Train(spec, sets, heldOut, path, trainedAt), path));
        }

        return results;
    }

    private static List<TrainingSet> SentimentHeldOut(IReadOnlyList<LabelledInquiry> dev, string? sharedData)
    {
        var sets = new List<TrainingSet> { DevSet(dev, d => d.Sentiment) };
        if (sharedData is not null)
        {
            sets.Add(new TrainingSet("SMP2020-EWECT usual_eval_labeled", SentimentCorpus.ReadEwect(System.IO.Path.Combine(sharedData, SentimentCorpus.UsualEval))));
            sets.Add(new TrainingSet("SMP2020-EWECT virus_eval_labeled", SentimentCorpus.ReadEwect(System.IO.Path.Combine(sharedData, SentimentCorpus.VirusEval))));
        }

        return sets;
    }

    private static TrainingSet DevSet(IReadOnlyList<LabelledInquiry> dev, Func<LabelledInquiry, string?> label) =>
        new("dev-*.jsonl", InsightRecipe.Labelled(dev, label));

    /// <summary>Trains <paramref name="spec"/> on <paramref name="sets"/>, scores it and saves it to <paramref name="path"/>.</summary>
    /// <param name="spec">The model.</param>
    /// <param name="sets">Training data; the set named <see cref="DomainSet"/> is cross-validated.</param>
    /// <param name="heldOut">Labelled sets never trained on, to score.</param>
    /// <param name="path">Where to save the model zip.</param>
    /// <param name="trainedAt">When, for the manifest.</param>
    public ModelReport Train(
        ModelSpec spec, IReadOnlyList<TrainingSet> sets, IReadOnlyList<TrainingSet> heldOut, string path, DateTimeOffset trainedAt)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(heldOut);
        var started = _clock.Elapsed;
        var index = spec.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var texts = sets.Sum(s => s.Examples.Count);
        Report($"{spec.Name}: featurising {texts} texts");
        var rows = sets
            .Select(s => s.Examples.Where(e => index.ContainsKey(e.Label)).Select(e => (Set: s.Name, Example: e, Row: new TrainingRow(Featurize(e.Text), index[e.Label], e.Weight))).ToList())
            .ToList();
        var all = rows.SelectMany(r => r.Select(x => x.Row)).ToList();
        Report($"{spec.Name}: fitting on {all.Count} rows");
        var model = InsightTrainer.Fit(all, spec.Labels.Count, spec.Options);
        var trainSeconds = (_clock.Elapsed - started).TotalSeconds;
        var predict = InsightTrainer.Predictor(model);
        var scores = heldOut
            .Select(h => Score(spec, h.Name, h.Examples.Where(e => index.ContainsKey(e.Label)).ToList(), predict))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToList();

        var domain = rows.SelectMany(r => r).Where(x => x.Set == DomainSet).ToList();
        CrossValidation? cv = null;
        if (domain.Count >= Folds * 10)
        {
            cv = CrossValidate(spec, rows.SelectMany(r => r).Where(x => x.Set != DomainSet).Select(x => x.Row).ToList(), domain.Select(x => (x.Example, x.Row)).ToList());
        }

        var manifest = new ModelManifest(
            spec.Name, InsightModel.FormatVersion, spec.Labels, spec.LabelNames, trainedAt, InquiryFeatures.Version,
            InquiryFeatures.Dimension, InsightTrainer.Seed);
        InsightTrainer.Save(model, spec.Labels.Count, manifest, path);
        Report($"{spec.Name}: saved {path}");
        return new ModelReport(
            spec,
            sets.Select(s => (s.Name, s.Examples.Count, s.Examples.Sum(e => (double)e.Weight))).ToList(),
            scores, cv, trainSeconds);
    }

    /// <summary>Scores a fitted predictor on labelled examples; <see langword="null"/> when there are none.</summary>
    public static SetScore? Score(ModelSpec spec, string name, IReadOnlyList<LabelledText> examples, Func<FeatureVector, float[]> predict, Func<string, FeatureVector> featurize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(featurize);
        if (examples.Count == 0)
        {
            return null;
        }

        var classified = examples.Select(e =>
        {
            var scores = predict(featurize(e.Text));
            var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Select(i => spec.Labels[i]).ToList();
            return new ClassifiedExample(e.Label, ranked[0], ranked);
        }).ToList();
        var metrics = ClassificationMetrics.Compute(classified, spec.Labels);
        return new SetScore(
            name, metrics.Count, metrics.Accuracy, metrics.MacroF1,
            spec.Name == "department" ? metrics.TopKAccuracy(3) : null,
            spec.Name == "sentiment" ? metrics.OneVersusRest("negative").MacroF1 : null);
    }

    private SetScore? Score(ModelSpec spec, string name, IReadOnlyList<LabelledText> examples, Func<FeatureVector, float[]> predict) =>
        Score(spec, name, examples, predict, Featurize);

    private CrossValidation CrossValidate(ModelSpec spec, List<TrainingRow> always, List<(LabelledText Example, TrainingRow Row)> domain)
    {
        var accuracies = new List<double>();
        var macros = new List<double>();
        for (var fold = 0; fold < Folds; fold++)
        {
            Report($"{spec.Name}: cross-validation fold {fold + 1} of {Folds}");
            var test = domain.Where(d => Fold(d.Example.Text) == fold).ToList();
            var train = always.Concat(domain.Where(d => Fold(d.Example.Text) != fold).Select(d => d.Row)).ToList();
            var predict = InsightTrainer.Predictor(InsightTrainer.Fit(train, spec.Labels.Count, spec.Options));
            var score = Score(spec, $"fold {fold}", test.Select(t => t.Example).ToList(), predict);
            if (score is not null)
            {
                accuracies.Add(score.Accuracy);
                macros.Add(score.MacroF1);
            }
        }

        return new CrossValidation(Folds, accuracies.Average(), Sd(accuracies), macros.Average(), Sd(macros));
    }

    /// <summary>The fold of a text, by a hash that does not change between runs or machines.</summary>
    internal static int Fold(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Folds);
    }

    private static double Sd(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
    }

    private void Report(string stage) =>
        progress?.Report($"[{_clock.Elapsed:mm\\:ss}] {stage}");
}
