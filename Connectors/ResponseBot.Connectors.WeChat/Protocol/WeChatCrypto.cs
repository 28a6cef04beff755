using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>
/// Opens and seals the <c>Encrypt</c> value of compatible- and safe-mode messages (WeChat's WXBizMsgCrypt scheme).
/// Build one per account and share it: it is immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The scheme: <c>Encrypt = base64(AES-256-CBC(random(16) ‖ length(4, big-endian) ‖ message(UTF-8) ‖ appid ‖
/// padding))</c>, with the key <c>base64(EncodingAESKey + "=")</c>, the first 16 key bytes as the IV, and PKCS#7
/// padding to a multiple of <b>32</b> bytes. The 32 is why this class pads by hand: .NET's
/// <see cref="PaddingMode.PKCS7"/> pads to the 16-byte AES block and rejects WeChat's pad values 17 to 32.
/// </para>
/// <para>
/// Nothing here authenticates the ciphertext. Check <c>msg_signature</c> with <see cref="WeChatSignature.IsValid"/>
/// (over token, timestamp, nonce and the <c>Encrypt</c> value) <b>before</b> calling <see cref="Decrypt"/>; only
/// someone who knows the token can then reach the decryptor, so its distinct errors reveal nothing to an attacker.
/// </para>
/// <para>An encrypted passive reply, end to end:</para>
/// <code>
/// var encrypt = crypto.Encrypt(WeChatXml.RenderText(openId, accountId, createTime, text));
/// var signature = WeChatSignature.Compute(token, timestamp.ToString(CultureInfo.InvariantCulture), nonce, encrypt);
/// var body = WeChatXml.RenderEncrypted(encrypt, signature, timestamp, nonce);
/// </code>
/// </remarks>
public sealed class WeChatCrypto
{
    private const int KeyChars = 43;
    private const int IvBytes = 16;
    private const int RandomBytes = 16;
    private const int LengthBytes = 4;
    private const int HeaderBytes = RandomBytes + LengthBytes;

    // WeChat's PKCS#7 block; not the AES block of 16 bytes.
    private const int PadBlock = 32;

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private readonly byte[] _key;
    private readonly byte[] _appId;

    /// <summary>Decodes the key once.</summary>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey from the 公众号 admin console.</param>
    /// <param name="appId">The account's AppID (<c>wx…</c>); every message ends with it.</param>
    /// <exception cref="ArgumentException">The key is not 43 base64 characters, or the AppID is empty.</exception>
    public WeChatCrypto(string encodingAesKey, string appId)
    {
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);

        // The key itself never goes into the message: exceptions end up in logs.
        const string BadKey = "The EncodingAESKey must be 43 characters of A-Z, a-z, 0-9, '+' or '/' (the 公众号 admin console shows it).";
        if (encodingAesKey.Length != KeyChars || encodingAesKey.AsSpan().ContainsAnyExcept(Base64Alphabet))
        {
            throw new ArgumentException(BadKey, nameof(encodingAesKey));
        }

        // 43 characters and the '=' WeChat leaves off always decode to 32 bytes: an AES-256 key.
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    private ReadOnlySpan<byte> Iv => _key.AsSpan(0, IvBytes);

    /// <summary>Seals <paramref name="message"/> (usually a rendered reply) into an <c>Encrypt</c> value.</summary>
    /// <param name="message">The plaintext XML.</param>
    /// <returns>The base64 ciphertext, with 16 fresh random bytes in front of the message.</returns>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Seals <paramref name="message"/> with the given 16 random bytes; the test vectors fix them.</summary>
    internal string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"The random prefix must be {RandomBytes} bytes.", nameof(random));
        }

        var messageLength = Encoding.UTF8.GetByteCount(message);
        var unpadded = HeaderBytes + messageLength + _appId.Length;
        var pad = PadBlock - (unpadded % PadBlock); // 1..32: an aligned message gets a whole block of padding
        var total = unpadded + pad;

        var rented = ArrayPool<byte>.Shared.Rent(total);
        var buffer = rented.AsSpan(0, total);
        try
        {
            random.CopyTo(buffer);
            BinaryPrimitives.WriteInt32BigEndian(buffer[RandomBytes..], messageLength);
            Encoding.UTF8.GetBytes(message, buffer[HeaderBytes..]);
            _appId.CopyTo(buffer[(HeaderBytes + messageLength)..]);
            buffer[unpadded..].Fill((byte)pad);

            using var aes = CreateAes();
            aes.EncryptCbc(buffer, Iv, buffer, PaddingMode.None);
            return Convert.ToBase64String(buffer);
        }
        finally
        {
            ReturnCleared(rented, total);
        }
    }

    /// <summary>Opens an <c>Encrypt</c> value and returns the message inside (usually the XML of the real message).</summary>
    /// <param name="encrypt">The base64 ciphertext; verify its <c>msg_signature</c> first.</param>
    /// <exception cref="WeChatCryptoException">The value cannot be opened; <see cref="WeChatCryptoException.Error"/> says why.</exception>
    public string Decrypt(string encrypt)
    {
        ArgumentNullException.ThrowIfNull(encrypt);

        var capacity = (encrypt.Length + 3) / 4 * 3;
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            if (!Convert.TryFromBase64String(encrypt, rented, out var length))
            {
                throw new WeChatCryptoException(WeChatCryptoError.InvalidBase64, "The Encrypt value is not base64.");
            }

            if (length < PadBlock || length % PadBlock != 0)
            {
                throw new WeChatCryptoException(WeChatCryptoError.InvalidLength,
                    $"The ciphertext is {length} bytes; it must be a non-zero multiple of {PadBlock}.");
            }

            var buffer = rented.AsSpan(0, length);
            using (var aes = CreateAes())
            {
                aes.DecryptCbc(buffer, Iv, buffer, PaddingMode.None);
            }

            return Unwrap(buffer);
        }
        finally
        {
            ReturnCleared(rented, capacity);
        }
    }

    /// <summary>Checks the padding, the length field and the AppID, and decodes the message.</summary>
    private string Unwrap(ReadOnlySpan<byte> plaintext)
    {
        var pad = plaintext[^1];
        if (pad is < 1 or > PadBlock || plaintext[^pad..].ContainsAnyExcept(pad))
        {
            throw new WeChatCryptoException(WeChatCryptoError.InvalidPadding,
                "The padding is invalid; the EncodingAESKey is probably not the one WeChat uses.");
        }

        var content = plaintext[..^pad];
        if (content.Length < HeaderBytes)
        {
            throw new WeChatCryptoException(WeChatCryptoError.InvalidMessageLength,
                "The decrypted data is too short to hold a message length.");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomBytes..]);
        if (messageLength > (uint)(content.Length - HeaderBytes))
        {
            throw new WeChatCryptoException(WeChatCryptoError.InvalidMessageLength,
                "The message length field is larger than the decrypted data.");
        }

        var message = content.Slice(HeaderBytes, (int)messageLength);
        if (!content[(HeaderBytes + message.Length)..].SequenceEqual(_appId))
        {
            throw new WeChatCryptoException(WeChatCryptoError.AppIdMismatch,
                "The message was encrypted for another AppID.");
        }

        if (!Utf8.IsValid(message))
        {
            throw new WeChatCryptoException(WeChatCryptoError.InvalidUtf8, "The decrypted message is not valid UTF-8.");
        }

        return Encoding.UTF8.GetString(message);
    }

    // Instance members of Aes are not guaranteed to be thread-safe (dotnet/runtime#53320), and creating one costs
    // about a microsecond next to the cipher itself, so each call gets its own.
    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    // The buffers held plaintext: clear them before another caller gets them.
    private static void ReturnCleared(byte[] rented, int used)
    {
        CryptographicOperations.ZeroMemory(rented.AsSpan(0, Math.Min(used, rented.Length)));
        ArrayPool<byte>.Shared.Return(rented);
    }
}
