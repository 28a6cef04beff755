using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>
/// The WeChat API calls this service makes: stable access tokens, text 客服 messages and the custom menu. WeChat
/// answers errors with HTTP 200 and <c>{"errcode":…,"errmsg":…}</c>; every failure becomes a
/// <see cref="WeChatApiException"/>. The same code talks to the real API and to a local fake: only
/// <see cref="WeChatOptions.ApiBaseUrl"/> differs.
/// </summary>
/// <remarks>
/// The access token travels in the query string, as WeChat requires. Nothing here logs a request URI, and the
/// HttpClient this type is registered with has the factory's request logging removed, because that logging
/// writes request URIs.
/// </remarks>
public sealed class WeChatApiClient(
    HttpClient http, IOptions<WeChatOptions> options, TimeProvider timeProvider, ILogger<WeChatApiClient> logger)
{
    /// <summary>How long one call may take before it counts as a (transient) timeout.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Points <paramref name="client"/> at <see cref="WeChatOptions.ApiBaseUrl"/> with this client's timeout.</summary>
    public static void Configure(HttpClient client, WeChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        // A trailing slash makes the relative paths below resolve under any path the base URL has.
        client.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        client.Timeout = RequestTimeout;
    }

    /// <summary>
    /// <c>POST /cgi-bin/stable_token</c>. Without <paramref name="forceRefresh"/> WeChat returns the token already
    /// in force while it is valid, so calling this does not disturb other holders of the token; with it, WeChat
    /// issues a new token and the old one stops working (at most 20 times a day, 30 s apart).
    /// </summary>
    public async Task<AccessToken> GetStableTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var requestedAt = timeProvider.GetUtcNow();
        var request = new StableTokenRequest("client_credential", settings.AppId, settings.AppSecret, forceRefresh);
        var response = await PostAsync(
            "stable_token", "cgi-bin/stable_token", request, WeChatApiJsonContext.Wire.StableTokenRequest, null,
            cancellationToken);
        if (string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn <= 0)
        {
            throw new WeChatApiException("stable_token", null, false, "WeChat stable_token answered without an access token");
        }

        // Counted from before the request, so the stored expiry is never later than WeChat's.
        var token = new AccessToken(response.AccessToken, requestedAt.AddSeconds(response.ExpiresIn));
        Log.AccessTokenFetched(logger, forceRefresh, token.ExpiresAt);
        return token;
    }

    /// <summary>
    /// <c>POST /cgi-bin/message/custom/send</c> with a text message. WeChat refuses more than 2048 UTF-8 bytes
    /// (45002) and messages outside the user's window (45015) or quota (45047).
    /// </summary>
    public Task SendCustomTextAsync(string accessToken, string openId, string content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(openId);
        ArgumentException.ThrowIfNullOrEmpty(content);
        return PostAsync(
            "message/custom/send", WithToken("cgi-bin/message/custom/send", accessToken),
            new CustomTextMessage(openId, "text", new CustomTextContent(content)),
            WeChatApiJsonContext.Wire.CustomTextMessage, accessToken, cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/menu/create</c>: replaces the account's custom menu.</summary>
    public Task CreateMenuAsync(string accessToken, WeChatMenu menu, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentNullException.ThrowIfNull(menu);
        return PostAsync(
            "menu/create", WithToken("cgi-bin/menu/create", accessToken), menu.Json, WeChatApiJsonContext.Wire.MenuJson,
            accessToken, cancellationToken);
    }

    private static string WithToken(string path, string accessToken) =>
        $"{path}?access_token={Uri.EscapeDataString(accessToken)}";

    private async Task<WeChatApiResponse> PostAsync<TRequest>(
        string operation, string pathAndQuery, TRequest body, JsonTypeInfo<TRequest> bodyType, string? accessToken,
        CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(pathAndQuery, UriKind.Relative), content, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The message names host and port at most, never the query string.
            throw Failed(operation, null, true, $"could not reach WeChat: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(operation, null, true, $"no answer within {http.Timeout.TotalSeconds:0} s", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(operation, status, status >= 500 || status == 429, $"HTTP {status} {response.ReasonPhrase}", null);
            }

            WeChatApiResponse? answer;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                answer = await JsonSerializer.DeserializeAsync(stream, WeChatApiJsonContext.Wire.WeChatApiResponse, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw Failed(operation, status, false, "the answer is not WeChat's JSON", ex);
            }

            if (answer is null)
            {
                throw Failed(operation, status, false, "the answer is empty", null);
            }

            if (answer.ErrorCode != WeChatErrorCodes.Ok)
            {
                var errmsg = Redact(answer.ErrorMessage ?? string.Empty, accessToken);
                Log.ApiErrorCode(logger, operation, answer.ErrorCode, errmsg);
                throw new WeChatApiException(operation, answer.ErrorCode, $"WeChat {operation} answered errcode {answer.ErrorCode}: {errmsg}");
            }

            return answer;
        }
    }

    private WeChatApiException Failed(string operation, int? status, bool transient, string reason, Exception? inner)
    {
        Log.ApiCallFailed(logger, operation, reason);
        return new WeChatApiException(operation, status, transient, $"WeChat {operation} failed: {reason}", inner);
    }

    /// <summary>WeChat's <c>errmsg</c> is its own text, but it must never carry a credential into a log or a message.</summary>
    private string Redact(string errmsg, string? accessToken)
    {
        var secret = options.Value.AppSecret;
        if (!string.IsNullOrEmpty(secret))
        {
            errmsg = errmsg.Replace(secret, "***", StringComparison.Ordinal);
        }

        return string.IsNullOrEmpty(accessToken) ? errmsg : errmsg.Replace(accessToken, "***", StringComparison.Ordinal);
    }
}
