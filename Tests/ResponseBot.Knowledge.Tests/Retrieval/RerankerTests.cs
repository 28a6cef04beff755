using Microsoft.ML;
using Microsoft.ML.Data;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Tests.Retrieval;

public sealed class RerankerTests
{
    [Test]
    public void Probability_SameRowsAsMlNet_GivesTheSameCalibratedProbability()
    {
        var ml = new MLContext(seed: 7);
        var random = new Random(7);
        var rows = Enumerable.Range(0, 2000).Select(_ =>
        {
            var features = Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray();
            return new Row { Features = features, Label = features[0] + (0.5f * features[1]) + (0.2f * (float)random.NextDouble()) > 0.9f };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20, numberOfLeaves: 8).Fit(data);
        var expected = ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).ToList();

        var reranker = Reranker.FromTransformer(model);

        for (var i = 0; i < 200; i++)
        {
            Assert.That(reranker.Probability(rows[i].Features), Is.EqualTo(expected[i].Probability).Within(1e-4), $"row {i}");
        }
    }

    [Test]
    public void Load_NotAModelFile_ThrowsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rb-{Guid.NewGuid():N}.zip");
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.That(() => Reranker.Load(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
