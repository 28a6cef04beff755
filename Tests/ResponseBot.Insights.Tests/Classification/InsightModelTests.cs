using System.IO.Compression;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Insights.Tests.Classification;

public sealed class InsightModelTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"insight-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Load_ValidModel_PredictsItsLabelsMostLikelyFirst()
    {
        var model = InsightModel.Load(TinyModels.Save(_directory, "topic"), "topic");

        var scores = model.Predict(new FeatureVector([2], [1f]));

        Assert.That(scores.Select(s => s.Label), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(scores.Sum(s => s.Probability), Is.EqualTo(1f).Within(1e-4));
        Assert.That(model.Manifest.LabelNames["b"], Is.EqualTo("乙"));
    }

    [Test]
    public void Load_MissingFile_NamesTheFileAndTheFix()
    {
        var path = Path.Combine(_directory, "sentiment.zip");

        var error = Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "sentiment"));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("responsebot train"));
    }

    [Test]
    public void Load_CorruptFile_NamesTheFileAndTheFix()
    {
        var path = Path.Combine(_directory, "sentiment.zip");
        File.WriteAllBytes(path, [0x50, 0x4B, 1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "sentiment"));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("responsebot train"));
    }

    [Test]
    public void Load_ZipWithoutManifest_IsRefused()
    {
        var path = TinyModels.Save(_directory, "topic");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelManifest.EntryName)!.Delete();
        }

        var error = Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "topic"));

        Assert.That(error!.Message, Does.Contain(ModelManifest.EntryName).And.Contain("responsebot train"));
    }

    [Test]
    public void Load_ModelOfAnotherVersion_IsRefused()
    {
        var path = TinyModels.Save(_directory, "topic", TinyModels.Manifest("topic") with { Version = InsightModel.FormatVersion + 1 });

        var error = Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "topic"));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("version"));
    }

    [Test]
    public void Load_ModelOnOtherFeatures_IsRefused()
    {
        var path = TinyModels.Save(_directory, "topic", TinyModels.Manifest("topic") with { FeatureVersion = InquiryFeatures.Version + 1 });

        Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "topic"));
    }

    [Test]
    public void Load_AnotherModelsFile_IsRefused()
    {
        var path = TinyModels.Save(_directory, "topic");

        var error = Assert.Throws<InsightModelException>(() => InsightModel.Load(path, "department"));

        Assert.That(error!.Message, Does.Contain("\"topic\""));
    }

    [Test]
    public void Predict_FromManyThreads_GivesTheSameScores()
    {
        var model = InsightModel.Load(TinyModels.Save(_directory, "topic"), "topic");
        var expected = model.Scores(new FeatureVector([1], [1f]));

        var results = new float[64][];
        Parallel.For(0, results.Length, i => results[i] = model.Scores(new FeatureVector([1], [1f])));

        Assert.That(results, Has.All.EqualTo(expected));
    }
}
