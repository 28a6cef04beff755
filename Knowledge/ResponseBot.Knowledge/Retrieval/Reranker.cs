using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ResponseBot.Knowledge.Retrieval;

/// <summary>
/// The trained re-ranker: a FastTree ensemble with a Platt calibrator, read out of the ML.NET model file once and
/// evaluated directly. A search scores ~20 candidates; walking the trees ourselves is lock-free and takes
/// microseconds, where a pooled PredictionEngine would add a copy and a schema check per candidate.
/// </summary>
internal sealed class Reranker
{
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    private Reranker(Tree[] trees, double bias, double slope, double offset)
    {
        _trees = trees;
        _bias = bias;
        _slope = slope;
        _offset = offset;
    }

    public int TreeCount => _trees.Length;

    /// <summary>Reads the ensemble and calibrator out of a model trained by <see cref="Training.RerankerTrainer"/>.</summary>
    public static Reranker Load(string path)
    {
        var ml = new MLContext(seed: 1);
        ITransformer model;
        try
        {
            model = ml.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"The re-ranker model {path} cannot be read: {ex.Message}", ex);
        }

        return FromTransformer(model);
    }

    internal static Reranker FromTransformer(ITransformer model)
    {
        if (model is TransformerChain<ITransformer> chain)
        {
            model = chain.Last();
        }

        if (model is not BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> binary)
        {
            throw new InvalidDataException($"The re-ranker model is a {model.GetType().Name}, not a calibrated FastTree.");
        }

        var ensemble = binary.Model.SubModel.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((t, i) => new Tree(
            [.. t.LeftChild], [.. t.RightChild], [.. t.NumericalSplitFeatureIndexes], [.. t.NumericalSplitThresholds],
            [.. t.LeafValues], ensemble.TreeWeights[i])).ToArray();
        return new Reranker(trees, ensemble.Bias, binary.Model.Calibrator.Slope, binary.Model.Calibrator.Offset);
    }

    /// <summary>The raw ensemble output (higher is more likely right).</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        foreach (var tree in _trees)
        {
            sum += tree.Weight * tree.Evaluate(features);
        }

        return sum;
    }

    /// <summary>The calibrated probability that the candidate answers the query.</summary>
    public float Probability(ReadOnlySpan<float> features) =>
        (float)(1.0 / (1.0 + Math.Exp((_slope * RawScore(features)) + _offset)));

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaf, double Weight)
    {
        public double Evaluate(ReadOnlySpan<float> features)
        {
            if (Leaf.Length == 1)
            {
                return Leaf[0];
            }

            var node = 0;
            while (node >= 0)
            {
                node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            }

            return Leaf[~node];
        }
    }
}
