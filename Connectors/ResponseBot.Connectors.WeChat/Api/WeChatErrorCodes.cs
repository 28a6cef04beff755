namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>The <c>errcode</c> values of the WeChat API that this service acts on.</summary>
public static class WeChatErrorCodes
{
    /// <summary>系统繁忙: try again later.</summary>
    public const int SystemBusy = -1;

    /// <summary>The call succeeded.</summary>
    public const int Ok = 0;

    /// <summary>invalid credential: the access token is wrong or no longer the latest.</summary>
    public const int InvalidCredential = 40001;

    /// <summary>invalid appid.</summary>
    public const int InvalidAppId = 40013;

    /// <summary>invalid access_token; WeChat also answers this for some expired tokens.</summary>
    public const int InvalidAccessToken = 40014;

    /// <summary>invalid appsecret.</summary>
    public const int InvalidAppSecret = 40125;

    /// <summary>The calling server's IP address is not on the account's whitelist.</summary>
    public const int IpNotWhitelisted = 40164;

    /// <summary>access_token expired.</summary>
    public const int AccessTokenExpired = 42001;

    /// <summary>回复时间超过限制: the user's 48-hour window is closed (or the user unsubscribed).</summary>
    public const int ResponseOutOfTimeLimit = 45015;

    /// <summary>客服接口下行条数超过上限: the user's quota of customer-service messages is used up.</summary>
    public const int ResponseCountLimit = 45047;

    /// <summary>Whether <paramref name="errorCode"/> says the access token itself was refused, so a fresh one may help.</summary>
    public static bool IsTokenRejected(int errorCode) =>
        errorCode is InvalidCredential or InvalidAccessToken or AccessTokenExpired;
}
