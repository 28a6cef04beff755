using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>One training example: its features, its label's position in the label list, and its weight.</summary>
/// <param name="Features">The inquiry's features.</param>
/// <param name="Label">Index of the label in the model's label list.</param>
/// <param name="Weight">How much the example counts.</param>
public sealed record TrainingRow(FeatureVector Features, int Label, float Weight);

/// <summary>How strongly a model is regularised.</summary>
/// <param name="L2">L2 penalty of the maximum-entropy (multinomial logistic) model.</param>
/// <param name="L1">L1 penalty; keeps the model sparse and robust to rare n-grams.</param>
/// <param name="BalanceClasses">Weight every class to the same total, so macro-F1 is not traded for the big classes.</param>
public sealed record TrainingOptions(float L2, float L1, bool BalanceClasses);

/// <summary>
/// Trains a multinomial logistic regression (ML.NET L-BFGS maximum entropy) over <see cref="InquiryFeatures"/>
/// vectors, single-threaded with a fixed seed so the same data gives the same model, and saves it as a versioned zip.
/// </summary>
public static class InsightTrainer
{
    /// <summary>The seed of every training run.</summary>
    public const int Seed = 20261127;

    /// <summary>Fits a model on <paramref name="rows"/> over <paramref name="labelCount"/> labels.</summary>
    public static ITransformer Fit(IReadOnlyList<TrainingRow> rows, int labelCount, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(ToInput(rows, labelCount, options.BalanceClasses), TrainingInput.Schema(labelCount));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(TrainingInput.Label),
            FeatureColumnName = nameof(TrainingInput.Features),
            ExampleWeightColumnName = nameof(TrainingInput.Weight),
            L2Regularization = options.L2,
            L1Regularization = options.L1,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
            OptimizationTolerance = 1e-6f,
        });
        return trainer.Fit(data);
    }

    /// <summary>A function from features to the probability of every label, for a model just fitted (single-threaded).</summary>
    public static Func<FeatureVector, float[]> Predictor(ITransformer model)
    {
        var ml = new MLContext(seed: Seed);
        var engine = ml.Model.CreatePredictionEngine<FeatureInput, ScoreOutput>(model, inputSchemaDefinition: FeatureInput.Schema());
        return features =>
        {
            var input = new FeatureInput { Features = new VBuffer<float>(InquiryFeatures.Dimension, features.Indices.Length, features.Values, features.Indices) };
            return engine.Predict(input).Score;
        };
    }

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> with <paramref name="manifest"/> inside.</summary>
    public static void Save(ITransformer model, int labelCount, ModelManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(manifest);
        var ml = new MLContext(seed: Seed);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<TrainingInput>(), TrainingInput.Schema(labelCount)).Schema;
        using (var file = File.Create(path))
        {
            ml.Model.Save(model, schema, file);
        }

        manifest.WriteInto(path);
    }

    private static IEnumerable<TrainingInput> ToInput(IReadOnlyList<TrainingRow> rows, int labelCount, bool balance)
    {
        var scale = new float[labelCount];
        Array.Fill(scale, 1f);
        if (balance)
        {
            var totals = new double[labelCount];
            foreach (var row in rows)
            {
                totals[row.Label] += row.Weight;
            }

            var present = totals.Where(t => t > 0).ToArray();
            var mean = present.Length == 0 ? 1 : present.Average();
            for (var i = 0; i < labelCount; i++)
            {
                scale[i] = totals[i] > 0 ? (float)(mean / totals[i]) : 1f;
            }
        }

        foreach (var row in rows)
        {
            yield return new TrainingInput
            {
                Features = new VBuffer<float>(InquiryFeatures.Dimension, row.Features.Indices.Length, row.Features.Values, row.Features.Indices),
                Label = (uint)row.Label,
                Weight = row.Weight * scale[row.Label],
            };
        }
    }

    private sealed class TrainingInput
    {
        public VBuffer<float> Features { get; set; }

        public uint Label { get; set; }

        public float Weight { get; set; }

        public static SchemaDefinition Schema(int labelCount)
        {
            var schema = SchemaDefinition.Create(typeof(TrainingInput));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, InquiryFeatures.Dimension);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), labelCount);
            return schema;
        }
    }
}
