using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// One trained insight model (sentiment, topic or department) loaded from its versioned zip: a linear multiclass
/// model over <see cref="InquiryFeatures"/>, served from a pool of prediction engines because a
/// <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe. Thread-safe.
/// </summary>
public sealed class InsightModel
{
    /// <summary>The model format version written into every manifest; a file of another version is refused.</summary>
    public const int FormatVersion = 1;

    private readonly ObjectPool<PredictionEngine<FeatureInput, ScoreOutput>> _engines;

    private InsightModel(ModelManifest manifest, ObjectPool<PredictionEngine<FeatureInput, ScoreOutput>> engines)
    {
        Manifest = manifest;
        _engines = engines;
    }

    /// <summary>What the model file says about itself.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The label codes, in the order of the model's scores.</summary>
    public IReadOnlyList<string> Labels => Manifest.Labels;

    /// <summary>
    /// Loads the model <paramref name="name"/> from <paramref name="path"/>, checking that the file is an insight
    /// model of that name, of this format version and feature recipe.
    /// </summary>
    /// <exception cref="InsightModelException">The file is missing, unreadable, or of another model or version.</exception>
    public static InsightModel Load(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        const string Fix = "run `responsebot train` to train the models, or restore the file from the repository (Bot/models)";
        if (!File.Exists(path))
        {
            throw new InsightModelException($"The {name} model {path} is missing; {Fix}.");
        }

        ModelManifest? manifest;
        try
        {
            manifest = ModelManifest.ReadFrom(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or NotSupportedException)
        {
            throw new InsightModelException($"The {name} model {path} cannot be read ({e.Message}); {Fix}.", e);
        }

        if (manifest is null)
        {
            throw new InsightModelException($"The {name} model {path} has no {ModelManifest.EntryName}: it was not written by `responsebot train`; {Fix}.");
        }

        if (manifest.Model != name || manifest.Version != FormatVersion || manifest.FeatureVersion != InquiryFeatures.Version
            || manifest.FeatureDimension != InquiryFeatures.Dimension || manifest.Labels is not { Count: > 1 })
        {
            throw new InsightModelException(
                $"The {name} model {path} is model \"{manifest.Model}\" version {manifest.Version} on features version " +
                $"{manifest.FeatureVersion}, but this program needs \"{name}\" version {FormatVersion} on features version " +
                $"{InquiryFeatures.Version}; {Fix}.");
        }

        var ml = new MLContext(seed: manifest.Seed);
        ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(path, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new InsightModelException($"The {name} model {path} cannot be read ({e.Message}); {Fix}.", e);
        }

        var schema = FeatureInput.Schema();
        var engines = new DefaultObjectPool<PredictionEngine<FeatureInput, ScoreOutput>>(
            new EnginePolicy(ml, transformer, schema), Environment.ProcessorCount * 4);
        var model = new InsightModel(manifest, engines);

        // Fail at start-up, not on the first inquiry, when the stored model does not fit the features.
        var scores = model.Scores(new FeatureVector([], []));
        if (scores.Length != manifest.Labels.Count)
        {
            throw new InsightModelException(
                $"The {name} model {path} gives {scores.Length} scores for {manifest.Labels.Count} labels; {Fix}.");
        }

        return model;
    }

    /// <summary>Every label with its probability, most likely first.</summary>
    public LabelScore[] Predict(FeatureVector features)
    {
        var scores = Scores(features);
        var ranked = new LabelScore[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            ranked[i] = new LabelScore(Manifest.Labels[i], scores[i]);
        }

        // Stable: equal probabilities keep the manifest's label order.
        return [.. ranked.OrderByDescending(s => s.Probability)];
    }

    /// <summary>The probability of every label, in <see cref="Labels"/> order.</summary>
    public float[] Scores(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var engine = _engines.Get();
        try
        {
            var input = new FeatureInput { Features = new VBuffer<float>(InquiryFeatures.Dimension, features.Indices.Length, features.Values, features.Indices) };
            var output = new ScoreOutput();
            engine.Predict(input, ref output);
            return output.Score;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer, SchemaDefinition schema)
        : PooledObjectPolicy<PredictionEngine<FeatureInput, ScoreOutput>>
    {
        public override PredictionEngine<FeatureInput, ScoreOutput> Create() =>
            ml.Model.CreatePredictionEngine<FeatureInput, ScoreOutput>(transformer, inputSchemaDefinition: schema);

        public override bool Return(PredictionEngine<FeatureInput, ScoreOutput> obj) => true;
    }
}

/// <summary>The features of one inquiry, as the models read them.</summary>
internal sealed class FeatureInput
{
    public VBuffer<float> Features { get; set; }

    public static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(FeatureInput));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, InquiryFeatures.Dimension);
        return schema;
    }
}

/// <summary>A model's probabilities, one per label in key order.</summary>
internal sealed class ScoreOutput
{
    public float[] Score { get; set; } = [];
}
