using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Classification.Training;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Tests.Classification;

public sealed class InsightTrainingTests
{
    private static readonly Lazy<ChineseAnalyzer> Analyzer = new(() => ChineseAnalyzer.Load(AppContext.BaseDirectory));

    private InquiryFeatures _features = null!;
    private List<LabelledText> _examples = [];

    [SetUp]
    public void SetUp()
    {
        _features = new InquiryFeatures(Analyzer.Value);
        _examples =
        [
            new("充电桩补贴怎么申请", "auto"),
            new("新能源汽车推广应用奖励", "auto"),
            new("电动车充电设施建设补助", "auto"),
            new("技改项目怎么备案", "tech_upgrade"),
            new("设备更新改造补贴申报", "tech_upgrade"),
            new("技术改造奖补资金什么时候发", "tech_upgrade"),
        ];
    }

    private float[] TrainAndScore(string text)
    {
        var labels = new[] { "auto", "tech_upgrade" };
        var rows = _examples.Select(e => new TrainingRow(_features.Featurize(e.Text), Array.IndexOf(labels, e.Label), e.Weight)).ToList();
        var model = InsightTrainer.Fit(rows, labels.Length, new TrainingOptions(0.1f, 0f, BalanceClasses: true));
        return InsightTrainer.Predictor(model)(_features.Featurize(text));
    }

    [Test]
    public void Fit_SameDataTwice_GivesTheSameModel()
    {
        var first = TrainAndScore("充电桩建设补贴");
        var second = TrainAndScore("充电桩建设补贴");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Fit_TinySet_LearnsIt()
    {
        var scores = TrainAndScore("充电桩建设补贴");

        Assert.That(scores[0], Is.GreaterThan(scores[1]));
    }

    [Test]
    public void Featurize_PersonalData_IsMaskedBeforeFeatures()
    {
        var one = _features.Featurize("我叫王建国，电话13812345678");
        var other = _features.Featurize("我叫王小明，电话13987654321");

        Assert.That(other.Indices, Is.EqualTo(one.Indices));
        Assert.That(other.Values, Is.EqualTo(one.Values));
    }

    [Test]
    public void Featurize_Text_GivesSortedUniqueIndicesInRange()
    {
        var vector = _features.Featurize("喂你好，我想问一下那个技改补贴什么时候发，等了好久了");

        Assert.That(vector.Indices, Is.Ordered.Ascending);
        Assert.That(vector.Indices, Is.Unique);
        Assert.That(vector.Indices, Has.All.InRange(0, InquiryFeatures.Dimension - 1));
        Assert.That(vector.Values, Has.All.GreaterThan(0f));
    }
}
