using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Tests.Text;

public sealed class TextNormalizerTests
{
    private static readonly TextNormalizer Normalizer = new(["喂", "你好", "您好", "我想问一下", "就是那个", "嗯", "请问"]);

    [TestCase("ＡＢＣ１２３", "abc123")]                                   // full-width letters and digits fold by NFKC
    [TestCase("专精特新“小巨人”企业！", "专精特新 小巨人 企业")]            // punctuation separates words
    [TestCase("喂，你好，我想问一下电动车补贴怎么申请？", "电动车补贴怎么申请")] // hotline fillers go
    [TestCase("嗯……就是那个，技改备案", "技改备案")]
    [TestCase("  请问   12345 热线  ", "12345 热线")]
    [TestCase("EXCEL表格", "excel表格")]
    [TestCase("", "")]
    public void Normalize_RealHotlineText_FoldsWidthCaseAndFillers(string input, string expected) =>
        Assert.That(Normalizer.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Normalize_FillerInsideLongerFiller_RemovesTheLongerFirst()
    {
        var normalizer = new TextNormalizer(["问一下", "我想问一下"]);
        Assert.That(normalizer.Normalize("我想问一下信用修复"), Is.EqualTo("信用修复"));
    }
}
