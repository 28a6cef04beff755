using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

/// <summary>Round trips and every way an <c>Encrypt</c> value or a key can be wrong.</summary>
public sealed class WeChatCryptoTests
{
    private const string AppId = "wxb11529c136998cb6";

    private WeChatCrypto _crypto = null!;

    [SetUp]
    public void SetUp() => _crypto = new WeChatCrypto(CryptoVectors.SampleKey, AppId);

    [Test]
    public void Encrypt_MessagesOf0To5000Bytes_RoundTripAndHitEveryPadSize()
    {
        var random = new Random(20240517);
        var pads = new HashSet<int>();
        for (var length = 0; length <= 5000; length += 1 + random.Next(12))
        {
            var message = RandomText.Of(random, length);

            var encrypt = _crypto.Encrypt(message);

            Assert.That(_crypto.Decrypt(encrypt), Is.EqualTo(message), $"message of about {length} bytes");
            pads.Add(Convert.FromBase64String(encrypt).Length - (20 + Encoding.UTF8.GetByteCount(message) + AppId.Length));
        }

        Assert.That(pads, Is.EquivalentTo(Enumerable.Range(1, 32)));
    }

    [Test]
    public void Encrypt_SameMessageTwice_GivesDifferentCiphertexts()
    {
        var first = _crypto.Encrypt("你好");
        var second = _crypto.Encrypt("你好");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Encrypt_SharedInstanceOnManyThreads_EveryRoundTripHolds()
    {
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var message = $"<xml><Content><![CDATA[消息 {i}]]></Content></xml>";
            if (_crypto.Decrypt(_crypto.Encrypt(message)) != message)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
    }

    [TestCase("")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF-")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF ")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF中")]
    public void Constructor_KeyThatIsNot43Base64Chars_ThrowsWithoutTheKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new WeChatCrypto(key, AppId));

        Assert.That(error.ParamName, Is.EqualTo("encodingAesKey"));
        Assert.That(error.Message, Does.Contain("43"));
        if (key.Length > 0)
        {
            Assert.That(error.Message, Does.Not.Contain(key));
        }
    }

    [Test]
    public void Constructor_EmptyAppId_Throws() =>
        Assert.Throws<ArgumentException>(() => _ = new WeChatCrypto(CryptoVectors.SampleKey, " "));

    [TestCase("not base64!")]
    [TestCase("jn1L23DB+6ELqJ+6bruv2whn1fDIMpmLPYOiQU5ZlCf5ISusdxHOJKY4l/VvGZXv1gdIWBk2mReXBoyRsZWbYWp3WTghbH/zS/0xHsPUs416Ez/Wti2iAH72px6IwxB")]
    [TestCase("====")]
    public void Decrypt_NotBase64_ThrowsInvalidBase64(string encrypt) =>
        AssertFails(encrypt, WeChatCryptoError.InvalidBase64);

    [TestCase(0)]
    [TestCase(16)]
    [TestCase(31)]
    [TestCase(48)]
    [TestCase(65)]
    public void Decrypt_CiphertextNotAPositiveMultipleOf32_ThrowsInvalidLength(int bytes) =>
        AssertFails(Convert.ToBase64String(new byte[bytes]), WeChatCryptoError.InvalidLength);

    [TestCase(0)]
    [TestCase(33)]
    [TestCase(255)]
    public void Decrypt_PadByteOutside1To32_ThrowsInvalidPadding(int pad)
    {
        var plaintext = Plaintext("hello", AppId);
        plaintext[^1] = (byte)pad;

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidPadding);
    }

    [TestCase(2)]
    [TestCase(17)]
    [TestCase(32)]
    public void Decrypt_PadBytesNotAllEqual_ThrowsInvalidPadding(int pad)
    {
        var plaintext = Plaintext(new string('x', 96 - 20 - AppId.Length - pad), AppId);
        Assert.That(plaintext[^1], Is.EqualTo(pad), "the message is sized to get this pad");
        plaintext[^pad] ^= 1; // the first pad byte

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidPadding);
    }

    [Test]
    public void Decrypt_MessageLengthLargerThanTheData_ThrowsInvalidMessageLength()
    {
        var plaintext = Plaintext("hello", AppId);
        BinaryPrimitives.WriteInt32BigEndian(plaintext.AsSpan(16), plaintext.Length);

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidMessageLength);
    }

    [Test]
    public void Decrypt_MessageLengthWithTheTopBitSet_ThrowsInvalidMessageLength()
    {
        var plaintext = Plaintext("hello", AppId);
        BinaryPrimitives.WriteUInt32BigEndian(plaintext.AsSpan(16), 0x8000_0005);

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidMessageLength);
    }

    [Test]
    public void Decrypt_NoRoomForTheLengthField_ThrowsInvalidMessageLength()
    {
        // One block that is all padding: nothing left for the random bytes and the length.
        var plaintext = Enumerable.Repeat((byte)32, 32).ToArray();

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidMessageLength);
    }

    [Test]
    public void Decrypt_EncryptedForAnotherAppId_ThrowsAppIdMismatch()
    {
        var other = new WeChatCrypto(CryptoVectors.SampleKey, "wx2c2769f8efd9abc2");

        AssertFails(other.Encrypt("hello"), WeChatCryptoError.AppIdMismatch);
    }

    [Test]
    public void Decrypt_AppIdThatOnlyStartsLikeOurs_ThrowsAppIdMismatch() =>
        AssertFails(Seal(Plaintext("hello", AppId + "0")), WeChatCryptoError.AppIdMismatch);

    [Test]
    public void Decrypt_MessageNotUtf8_ThrowsInvalidUtf8()
    {
        var plaintext = Plaintext("hé", AppId);
        plaintext[20 + 1] = 0xFF; // the first byte of "é"

        AssertFails(Seal(plaintext), WeChatCryptoError.InvalidUtf8);
    }

    [Test]
    public void Decrypt_HandBuiltPlaintext_IsAcceptedLikeOurOwn()
    {
        // Guards the helpers above: a correct hand-built plaintext opens, so each failure is the one byte changed.
        Assert.That(_crypto.Decrypt(Seal(Plaintext("hello 你好", AppId))), Is.EqualTo("hello 你好"));
    }

    private void AssertFails(string encrypt, WeChatCryptoError expected)
    {
        var error = Assert.Throws<WeChatCryptoException>(() => _crypto.Decrypt(encrypt));
        Assert.That(error.Error, Is.EqualTo(expected));
        Assert.That(error.Message, Does.Not.Contain(AppId).And.Not.Contain(CryptoVectors.SampleKey));
    }

    /// <summary>random(16) ‖ length ‖ message ‖ appid ‖ PKCS#7 to 32, built by hand so that tests can corrupt it.</summary>
    private static byte[] Plaintext(string message, string appId)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var tail = Encoding.UTF8.GetBytes(appId);
        var unpadded = 20 + body.Length + tail.Length;
        var pad = 32 - (unpadded % 32);
        var plaintext = new byte[unpadded + pad];
        RandomNumberGenerator.Fill(plaintext.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plaintext.AsSpan(16), body.Length);
        body.CopyTo(plaintext, 20);
        tail.CopyTo(plaintext, 20 + body.Length);
        plaintext.AsSpan(unpadded).Fill((byte)pad);
        return plaintext;
    }

    /// <summary>Encrypts raw bytes the way WeChat does (the key and IV of <see cref="CryptoVectors.SampleKey"/>), without padding.</summary>
    private static string Seal(byte[] plaintext)
    {
        var key = Convert.FromBase64String(CryptoVectors.SampleKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plaintext, key.AsSpan(0, 16), PaddingMode.None));
    }
}
