using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Tests.Classification;

public sealed class InquiryFeaturesTests
{
    private static readonly Lazy<ChineseAnalyzer> Analyzer = new(() => ChineseAnalyzer.Load(AppContext.BaseDirectory));

    private InquiryFeatures _features = null!;

    [SetUp]
    public void SetUp() => _features = new InquiryFeatures(Analyzer.Value);

    [Test]
    public void Featurize_DifferentMentions_GiveTheSameFeatures()
    {
        var one = _features.Featurize("补贴还没发//@张三的小号:太气人了");
        var other = _features.Featurize("补贴还没发//@lisi_2020:太气人了");

        Assert.That(other.Indices, Is.EqualTo(one.Indices));
        Assert.That(other.Values, Is.EqualTo(one.Values));
    }

    [Test]
    public void Featurize_ExclamationRun_DiffersFromNone()
    {
        var plain = _features.Featurize("补贴什么时候发");
        var shouted = _features.Featurize("补贴什么时候发！！！");

        Assert.That(shouted.Indices, Is.Not.EqualTo(plain.Indices));
        Assert.That(shouted.Indices, Is.Ordered.Ascending.And.Unique);
    }

    [Test]
    public void Featurize_LoneFullStop_AddsNoMark()
    {
        var withStop = _features.Featurize("补贴3.5万");
        var withSpace = _features.Featurize("补贴3 5万");

        Assert.That(withStop.Indices, Is.EqualTo(withSpace.Indices));
    }

    [Test]
    public void Marks_BracketedEmoticon_IsOneMarkAndNotItsCharacters()
    {
        var marks = InquiryFeatures.Marks("太气人了[怒]", []);

        Assert.That(marks, Has.Length.EqualTo(1));
        Assert.That(InquiryFeatures.Marks("太气人了[怒]", []), Is.EqualTo(InquiryFeatures.Marks("等了三个月[怒]", [])));
        Assert.That(InquiryFeatures.Marks("[泪]", []), Is.Not.EqualTo(marks));
    }

    [Test]
    public void Marks_PunctuationRun_GivesItsKindAndARunMark()
    {
        Assert.That(InquiryFeatures.Marks("好！", []), Has.Length.EqualTo(1));
        Assert.That(InquiryFeatures.Marks("好！！！", []), Has.Length.EqualTo(2));
        Assert.That(InquiryFeatures.Marks("好……", []), Has.Length.EqualTo(2));
        Assert.That(InquiryFeatures.Marks("好？！", []), Is.Not.EqualTo(InquiryFeatures.Marks("好！！", [])));
    }

    [Test]
    public void Marks_Emoji_IsAMark()
    {
        Assert.That(InquiryFeatures.Marks("办得好😂", []), Has.Length.EqualTo(1));
        Assert.That(InquiryFeatures.Marks("办得好😂", []), Is.Not.EqualTo(InquiryFeatures.Marks("办得好👍", [])));
    }

    [Test]
    public void Marks_NegatedWord_IsMarkedOnlyAfterANegation()
    {
        Assert.That(InquiryFeatures.Marks("", ["不", "满意"]), Has.Length.EqualTo(1));
        Assert.That(InquiryFeatures.Marks("", ["很", "满意"]), Is.Empty);
        Assert.That(InquiryFeatures.Marks("", ["满意", "不"]), Is.Empty);
    }
}
