namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>
/// An encrypted WeChat message could not be opened. The message never contains the key, the AppID or any part of the
/// plaintext, so it is safe to log.
/// </summary>
/// <param name="error">What was wrong.</param>
/// <param name="message">A description without secrets or message content.</param>
/// <param name="innerException">The decoder's exception, if any.</param>
public sealed class WeChatCryptoException(WeChatCryptoError error, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>What was wrong.</summary>
    public WeChatCryptoError Error { get; } = error;
}
