using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

public sealed class WeChatSignatureTests
{
    // The plain `signature` vectors S1–S5 of research/wechat-test-vectors.md: token, timestamp, nonce, signature.
    private static readonly object[] PlainVectors =
    [
        new object[] { "test", "1410685589", "test", "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff" },
        new object[] { "weixin", "1357982061", "1358161344", "335b26997f05c82243aad6b10a2d1853637e71a8" },
        new object[] { "huhujm", "1359208540", "1359227084", "efa917e2445cc9f0aa4386ca92f96de5a242e24e" },
        new object[] { "AAAAA", "1714037059", "486452656", "899cf89e464efb63f54ddac96b0a0a235f53aa78" },
        new object[] { "weixin", "1414387151", "917222494", "e3203b6433eb554dd2fcba78fa48cb948fcb4801" },
    ];

    [TestCaseSource(nameof(PlainVectors))]
    public void Compute_PublishedVector_ReturnsPublishedSignature(string token, string timestamp, string nonce, string signature) =>
        Assert.That(WeChatSignature.Compute(token, timestamp, nonce), Is.EqualTo(signature));

    [TestCaseSource(nameof(PlainVectors))]
    public void IsValid_PublishedVector_IsTrue(string token, string timestamp, string nonce, string signature) =>
        Assert.That(WeChatSignature.IsValid(signature, token, timestamp, nonce), Is.True);

    [Test]
    public void Compute_GenericParts_IsSha1OfTheSortedConcatenation()
    {
        // S6: sha1("abc"), whatever order the parts come in.
        Assert.That(WeChatSignature.Compute("a", "b", "c"), Is.EqualTo("a9993e364706816aba3e25717850c26c9cd0d89d"));
        Assert.That(WeChatSignature.Compute("c", "a", "b"), Is.EqualTo("a9993e364706816aba3e25717850c26c9cd0d89d"));
    }

    [Test]
    public void Compute_PartsDifferingInCase_SortsOrdinally()
    {
        // Ordinal order puts upper case first ("B" < "a"); a culture-aware sort would not.
        Assert.That(WeChatSignature.Compute("a", "B"), Is.EqualTo(WeChatSignature.Compute("Ba")));
    }

    [Test]
    public void Compute_LongCiphertext_SignsLikeAShortOne()
    {
        // A part beyond the stack buffer takes the pooled path; the result must be the same SHA-1.
        var encrypt = new string('A', 5000);
        var viaParts = WeChatSignature.Compute("token", "1", "2", encrypt);
        var viaOnePart = WeChatSignature.Compute("12" + encrypt + "token");
        Assert.That(viaParts, Is.EqualTo(viaOnePart));
    }

    [Test]
    public void IsValid_S1WithLastDigitChanged_IsFalse() =>
        Assert.That(WeChatSignature.IsValid("f21891de399b4e33a1a93c9a7b8a8fffb5a443fe", "test", "1410685589", "test"), Is.False);

    [Test]
    public void IsValid_W1WithNonceChanged_IsFalse()
    {
        const string Echostr = "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
        Assert.That(WeChatSignature.IsValid("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96", "123456", "1411443780", "437374425", Echostr), Is.True);
        Assert.That(WeChatSignature.IsValid("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96", "123456", "1411443780", "437374424", Echostr), Is.False);
    }

    [TestCase("12345")]
    [TestCase("")]
    [TestCase("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff0")]
    [TestCase("F21891DE399B4E33A1A93C9A7B8A8FFFB5A443FF")]
    [TestCase("f21891de399b4e33a1a93c9a7b8a8fffb5a443f中")]
    public void IsValid_MalformedSignature_IsFalse(string signature) =>
        Assert.That(WeChatSignature.IsValid(signature, "test", "1410685589", "test"), Is.False);

    [Test]
    public void IsValid_MissingSignature_IsFalse() =>
        Assert.That(WeChatSignature.IsValid(null, "test", "1410685589", "test"), Is.False);

    [Test]
    public void IsValid_MissingPart_IsFalse() =>
        Assert.That(WeChatSignature.IsValid("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff", "test", "1410685589", null), Is.False);
}
