using System.Text;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

public sealed class WeChatTextTests
{
    [TestCase("", 0)]
    [TestCase("a", 1)]
    [TestCase("é", 2)]
    [TestCase("中", 3)]
    [TestCase("😀", 4)]
    [TestCase("申请abc😀", 13)]
    public void Utf8Length_Text_CountsUtf8Bytes(string text, int bytes) =>
        Assert.That(WeChatText.Utf8Length(text), Is.EqualTo(bytes));

    [Test]
    public void Utf8Length_UnpairedSurrogate_CountsTheReplacementCharacter() =>
        Assert.That(WeChatText.Utf8Length(new string((char)0xD800, 1)), Is.EqualTo(3));

    [Test]
    public void SplitUtf8_Empty_GivesNoPieces() =>
        Assert.That(WeChatText.SplitUtf8(""), Is.Empty);

    [Test]
    public void SplitUtf8_TextThatFits_GivesItWhole() =>
        Assert.That(WeChatText.SplitUtf8("办理流程如下。\n第一步"), Is.EqualTo(new[] { "办理流程如下。\n第一步" }));

    [Test]
    public void SplitUtf8_ExactlyMaxBytes_GivesOnePiece()
    {
        var text = new string('中', 10);

        Assert.That(WeChatText.SplitUtf8(text, 30), Has.Count.EqualTo(1));
    }

    [TestCase(4)]
    [TestCase(5)]
    [TestCase(7)]
    [TestCase(64)]
    [TestCase(333)]
    [TestCase(2048)]
    public void SplitUtf8_RandomTexts_PiecesFitJoinToTheInputAndKeepPairs(int maxBytes)
    {
        var random = new Random(maxBytes);
        for (var round = 0; round < 50; round++)
        {
            var text = RandomText.Of(random, random.Next(1, 6000));

            var pieces = WeChatText.SplitUtf8(text, maxBytes);

            Assert.That(string.Concat(pieces), Is.EqualTo(text));
            foreach (var piece in pieces)
            {
                Assert.That(piece, Is.Not.Empty);
                Assert.That(Encoding.UTF8.GetByteCount(piece), Is.LessThanOrEqualTo(maxBytes));
                Assert.That(char.IsLowSurrogate(piece[0]), Is.False, "a piece starts inside a surrogate pair");
                Assert.That(char.IsHighSurrogate(piece[^1]), Is.False, "a piece ends inside a surrogate pair");
            }
        }
    }

    [Test]
    public void SplitUtf8_LineBreakInTheSecondHalf_EndsThePieceAfterIt()
    {
        // 14 bytes, a line break, then more: with 20 bytes per piece the cut moves back to the line break.
        var pieces = WeChatText.SplitUtf8("第一行文字ab\n第二行文字", 20);

        Assert.That(pieces, Is.EqualTo(new[] { "第一行文字ab\n", "第二行文字" }));
    }

    [Test]
    public void SplitUtf8_SentenceEndAndNoLineBreak_EndsThePieceAfterTheSentence()
    {
        var pieces = WeChatText.SplitUtf8("请携带材料。然后前往窗口办理", 24);

        Assert.That(pieces, Is.EqualTo(new[] { "请携带材料。", "然后前往窗口办理" }));
    }

    [Test]
    public void SplitUtf8_LineBreakAndLaterSentenceEnd_PrefersTheLineBreak()
    {
        var pieces = WeChatText.SplitUtf8("一二三四五\n六？七八九十", 30);

        Assert.That(pieces[0], Is.EqualTo("一二三四五\n"));
    }

    [Test]
    public void SplitUtf8_BreakOnlyInTheFirstHalf_CutsAtTheLimit()
    {
        var pieces = WeChatText.SplitUtf8("一\n二三四五六七八九十", 15);

        Assert.That(pieces[0], Is.EqualTo("一\n二三四"));
    }

    [Test]
    public void SplitUtf8_EmojiAtTheLimit_StaysWhole()
    {
        var pieces = WeChatText.SplitUtf8("ab😀cd", 5);

        Assert.That(pieces, Is.EqualTo(new[] { "ab", "😀c", "d" }));
    }

    [Test]
    public void SplitUtf8_LimitBelowOneCharacter_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WeChatText.SplitUtf8("abc", 3));
}
