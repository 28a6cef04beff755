namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>
/// A WeChat API call failed: WeChat answered a non-zero <c>errcode</c> (with HTTP 200, as it does), answered an HTTP
/// error, or could not be reached in time. The message names the call and WeChat's <c>errmsg</c>; it never contains
/// the access token or the AppSecret.
/// </summary>
public sealed class WeChatApiException : Exception
{
    /// <summary>A failure with no detail.</summary>
    public WeChatApiException()
        : this("the WeChat API call failed")
    {
    }

    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public WeChatApiException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public WeChatApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>WeChat refused the call with <paramref name="errorCode"/>.</summary>
    public WeChatApiException(string operation, int errorCode, string message)
        : base(message)
    {
        Operation = operation;
        ErrorCode = errorCode;
        IsTransient = errorCode == WeChatErrorCodes.SystemBusy;
    }

    /// <summary>The call did not get a usable answer: an HTTP error, a timeout, a network failure.</summary>
    public WeChatApiException(string operation, int? statusCode, bool isTransient, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The API path that failed, e.g. <c>message/custom/send</c>.</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>WeChat's <c>errcode</c>; 0 when the failure happened before WeChat answered one.</summary>
    public int ErrorCode { get; }

    /// <summary>The HTTP status of an HTTP-level failure.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether trying again later may succeed: system busy (-1), HTTP 5xx or 429, a timeout, a network failure.</summary>
    public bool IsTransient { get; }

    /// <summary>Whether the access token was refused (40001, 40014, 42001), so a fresh one may succeed.</summary>
    public bool IsTokenRejected => WeChatErrorCodes.IsTokenRejected(ErrorCode);
}
