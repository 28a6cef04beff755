namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>
/// A posted body is not a message we accept: too large, not UTF-8, not well-formed, a DTD, or a root other than
/// <c>&lt;xml&gt;</c>. The message names the problem and a position, never content, so it is safe to log.
/// </summary>
/// <param name="message">What is wrong.</param>
public sealed class WeChatXmlException(string message) : Exception(message);
