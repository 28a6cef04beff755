using System.Text;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

/// <summary>Every published vector: signatures, exact decryptions, exact encryptions with the random bytes fixed.</summary>
public sealed class WeChatCryptoVectorTests
{
    private static IEnumerable<DecryptVector> Decryptions() => CryptoVectors.Decryptions();

    private static IEnumerable<EncryptVector> Encryptions() => CryptoVectors.Encryptions();

    private static IEnumerable<ReplySignatureVector> ReplySignatures() => CryptoVectors.ReplySignatures();

    [TestCaseSource(nameof(Decryptions))]
    public void IsValid_VectorMsgSignature_IsTrue(DecryptVector vector) =>
        Assert.That(WeChatSignature.IsValid(vector.MsgSignature, vector.Token, vector.Timestamp, vector.Nonce, vector.Encrypt), Is.True);

    [TestCaseSource(nameof(Decryptions))]
    public void IsValid_VectorWithAnotherToken_IsFalse(DecryptVector vector) =>
        Assert.That(WeChatSignature.IsValid(vector.MsgSignature, vector.Token + "x", vector.Timestamp, vector.Nonce, vector.Encrypt), Is.False);

    [TestCaseSource(nameof(Decryptions))]
    public void Decrypt_Vector_ReturnsTheExactMessage(DecryptVector vector)
    {
        var crypto = new WeChatCrypto(vector.EncodingAesKey, vector.AppId);

        var message = crypto.Decrypt(vector.Encrypt);

        Assert.That(Encoding.UTF8.GetBytes(message), Is.EqualTo(Encoding.UTF8.GetBytes(vector.Message)));
    }

    [TestCaseSource(nameof(Decryptions))]
    public void Decrypt_VectorWithAnotherAppId_ThrowsAppIdMismatch(DecryptVector vector)
    {
        var crypto = new WeChatCrypto(vector.EncodingAesKey, "wx0000000000000000");

        var error = Assert.Throws<WeChatCryptoException>(() => crypto.Decrypt(vector.Encrypt));

        Assert.That(error.Error, Is.EqualTo(WeChatCryptoError.AppIdMismatch));
        Assert.That(error.Message, Does.Not.Contain(vector.AppId).And.Not.Contain("wx0000000000000000"));
    }

    [TestCaseSource(nameof(Decryptions))]
    public void Decrypt_VectorWithAnotherKey_Throws(DecryptVector vector)
    {
        var otherKey = vector.EncodingAesKey == CryptoVectors.ZeroKey ? CryptoVectors.SampleKey : CryptoVectors.ZeroKey;
        var crypto = new WeChatCrypto(otherKey, vector.AppId);

        var error = Assert.Throws<WeChatCryptoException>(() => crypto.Decrypt(vector.Encrypt));

        Assert.That(error.Message, Does.Not.Contain(otherKey).And.Not.Contain(vector.AppId));
    }

    [TestCaseSource(nameof(Decryptions))]
    public void Encrypt_VectorMessage_UsesThePublishedPadSize(DecryptVector vector)
    {
        // The vectors were chosen for their pad values (1, 2, 3, 7, 22, 30, 32): the ciphertext length shows it.
        var crypto = new WeChatCrypto(vector.EncodingAesKey, vector.AppId);
        var unpadded = 16 + 4 + Encoding.UTF8.GetByteCount(vector.Message) + vector.AppId.Length;

        var length = Convert.FromBase64String(crypto.Encrypt(vector.Message)).Length;

        Assert.That(length, Is.EqualTo(Convert.FromBase64String(vector.Encrypt).Length));
        Assert.That(length - unpadded, Is.EqualTo(vector.Pad));
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Encrypt_VectorWithItsRandomBytes_ReturnsTheExactCiphertext(EncryptVector vector)
    {
        var crypto = new WeChatCrypto(vector.EncodingAesKey, vector.AppId);

        Assert.That(crypto.Encrypt(vector.Message, vector.RandomBytes), Is.EqualTo(vector.Encrypt));
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Decrypt_EncryptVector_ReturnsTheMessage(EncryptVector vector)
    {
        var crypto = new WeChatCrypto(vector.EncodingAesKey, vector.AppId);

        Assert.That(crypto.Decrypt(vector.Encrypt), Is.EqualTo(vector.Message));
    }

    [TestCaseSource(nameof(ReplySignatures))]
    public void Compute_ReplyVector_ReturnsThePublishedMsgSignature(ReplySignatureVector vector) =>
        Assert.That(WeChatSignature.Compute(vector.Token, vector.Timestamp, vector.Nonce, vector.Encrypt), Is.EqualTo(vector.MsgSignature));

    [Test]
    public void RenderEncrypted_W2Reply_CarriesThePublishedValues()
    {
        var encrypt = Payload.Element("W2.envelope.xml", "Encrypt");
        var signature = Payload.Element("W2.envelope.xml", "MsgSignature");

        var body = WeChatXml.RenderEncrypted(encrypt, signature, 1411525903, "461056294");

        Assert.That(body, Is.EqualTo(Payload.Text("W2.envelope.xml").Replace("\n", "", StringComparison.Ordinal)));
    }
}
