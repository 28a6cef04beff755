using ResponseBot.Insights.Classification.Training;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Insights.Tests.Classification;

public sealed class SentimentCorpusTests
{
    [TestCase("happy", "positive")]
    [TestCase("neutral", "neutral")]
    [TestCase("surprise", "neutral")]
    [TestCase("angry", "negative")]
    [TestCase("sad", "negative")]
    [TestCase("fear", "negative")]
    public void FromEmotion_MapsTheSixEmotions(string emotion, string sentiment) =>
        Assert.That(SentimentCorpus.FromEmotion(emotion), Is.EqualTo(sentiment));

    [Test]
    public void FromEmotion_Unknown_Throws() =>
        Assert.Throws<InvalidDataException>(() => SentimentCorpus.FromEmotion("bored"));

    [Test]
    public void Sample_TakesAtMostPerLabelAndIsRepeatable()
    {
        var items = Enumerable.Range(0, 50).Select(i => new LabelledText($"句子{i}", i % 2 == 0 ? "positive" : "negative")).ToList();

        var first = SentimentCorpus.Sample(items, 10, 100, seed: 3);
        var second = SentimentCorpus.Sample(items, 10, 100, seed: 3);

        Assert.That(first, Has.Count.EqualTo(20));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void ReadEwect_PublicEvaluationSet_HasTheThreeSentiments()
    {
        var data = PublicCorpus.FindDataDirectory(TestContext.CurrentContext.TestDirectory, Environment.CurrentDirectory);
        var path = data is null ? null : Path.Combine(data, SentimentCorpus.VirusEval);
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore("The public data folder ../shared/data (sentiment/virus_eval_labeled.txt) is not here; this test needs it.");
        }

        var posts = SentimentCorpus.ReadEwect(path);

        Assert.That(posts, Has.Count.EqualTo(2000));
        Assert.That(posts.Select(p => p.Label).Distinct(), Is.EquivalentTo(SentimentCorpus.Labels));
    }
}
