using ResponseBot.Knowledge.Text;

namespace ResponseBot.Knowledge.Tests.Text;

public sealed class BigramTests
{
    [TestCase("退款到账", new[] { "退款", "款到", "到账" })]
    [TestCase("技改 备案", new[] { "技改", "备案" })]                  // no bigram across a word break
    [TestCase("5g基站", new[] { "5g", "基站" })]                      // Latin and digit runs count whole
    [TestCase("办", new[] { "办" })]
    [TestCase("12345热线", new[] { "12345", "热线" })]
    public void Bigrams_MixedText_SplitsCjkIntoBigramsAndKeepsOtherRunsWhole(string normalized, string[] expected) =>
        Assert.That(ChineseAnalyzer.Bigrams(normalized), Is.EqualTo(expected));
}
