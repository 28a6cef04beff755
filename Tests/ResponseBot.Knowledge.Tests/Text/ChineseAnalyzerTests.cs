using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Tests.Text;

/// <summary>The shipped dictionaries (jieba + Knowledge/data/text) on real enterprise and hotline questions.</summary>
public sealed class ChineseAnalyzerTests
{
    private static readonly ChineseAnalyzer Analyzer = ChineseAnalyzer.Load(AppContext.BaseDirectory);

    [TestCase("不见面审批怎么办理", new[] { "不见面审批", "怎么", "办理" })]              // 办理 is the canonical of 申请/办
    [TestCase("双随机一公开检查结果在哪里查", new[] { "双随机一公开", "检查", "结果", "哪里", "查询" })]
    [TestCase("喂你好，我想问一下电动车补贴怎么申请", new[] { "新能源汽车", "补贴", "怎么", "办理" })]
    [TestCase("小微企业被拉进黑名单了咋办", new[] { "中小企业", "被拉进", "失信", "怎么办" })]
    [TestCase("专精特新小巨人企业认定条件是什么", new[] { "小巨人", "企业", "认定", "条件", "什么" })]
    [TestCase("qwzx plmk", new[] { "qwzx", "plmk" })]                                  // not "plm" + "k"
    [TestCase("5G基站建设补贴", new[] { "5g", "基站", "建设", "补贴" })]
    public void Analyze_RealQuestions_SegmentsDomainWordsWholeAndFoldsSynonyms(string text, string[] expected) =>
        Assert.That(Analyzer.Analyze(text).Words, Is.EqualTo(expected));

    [Test]
    public void Analyze_ColloquialAndFormalWording_MeetOnTheSameCanonicalWords()
    {
        var colloquial = Analyzer.Analyze("电动车咋申请补贴").Words;
        var formal = Analyzer.Analyze("新能源汽车如何申请补贴").Words;
        Assert.That(colloquial, Is.EquivalentTo(formal));
    }

    [Test]
    public void Analyze_KeepsTheWordsBeforeFolding()
    {
        var analyzed = Analyzer.Analyze("电动车补贴");
        Assert.Multiple(() =>
        {
            Assert.That(analyzed.RawWords, Is.EqualTo(new[] { "电动车", "补贴" }));
            Assert.That(analyzed.Bigrams, Is.EqualTo(new[] { "电动", "动车", "车补", "补贴" }));
        });
    }

    [Test]
    public void Analyze_AnswerWithoutBigrams_HasWordsOnly()
    {
        var analyzed = Analyzer.Analyze("技改项目备案", withBigrams: false);
        Assert.Multiple(() =>
        {
            Assert.That(analyzed.Words, Is.Not.Empty);
            Assert.That(analyzed.Bigrams, Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("？？？！！")]
    [TestCase("嗯嗯嗯 喂")]
    public void Analyze_NothingToMatch_GivesNoTerms(string text)
    {
        var analyzed = Analyzer.Analyze(text);
        Assert.That(analyzed.Words.Concat(analyzed.Bigrams), Is.Empty);
    }

    [Test]
    public void BackgroundIdf_RareWordsWeighMoreThanCommonOnes() =>
        Assert.That(Analyzer.BackgroundIdf("公积金"), Is.GreaterThan(Analyzer.BackgroundIdf("企业")));
}
