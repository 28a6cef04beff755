namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>Why an encrypted message could not be opened (see <see cref="WeChatCryptoException"/>).</summary>
public enum WeChatCryptoError
{
    /// <summary>The <c>Encrypt</c> value is not base64.</summary>
    InvalidBase64,

    /// <summary>The ciphertext is shorter than 32 bytes or not a multiple of 32 bytes.</summary>
    InvalidLength,

    /// <summary>The PKCS#7 padding (1 to 32 bytes, all equal to their count) is wrong: usually a wrong key.</summary>
    InvalidPadding,

    /// <summary>The 4-byte message length does not fit in the decrypted buffer.</summary>
    InvalidMessageLength,

    /// <summary>The message was encrypted for another account: its AppID tail differs from ours.</summary>
    AppIdMismatch,

    /// <summary>The decrypted message is not valid UTF-8.</summary>
    InvalidUtf8,
}
