using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Cli.Bench;

/// <summary>The WeChat account the bench plays: the server configuration of a 公众号.</summary>
/// <param name="Token">The Token that signs every request.</param>
/// <param name="EncodingAesKey">The 43-character EncodingAESKey of safe mode.</param>
/// <param name="AppId">The AppID every encrypted message ends with.</param>
internal sealed record BenchAccount(string Token, string EncodingAesKey, string AppId)
{
    /// <summary>Our account's original ID, the <c>ToUserName</c> of every message.</summary>
    public const string OriginalId = "gh_b3c4d5e6f7a8";
}

/// <summary>
/// Sends one message the way WeChat's servers do (or, for <see cref="BenchMode.Ask"/>, as a JSON client does) and
/// checks the reply the way they would: HTTP 200, in safe mode a <c>MsgSignature</c> that verifies and a ciphertext
/// that opens, and a text reply to the user who wrote. Thread-safe.
/// </summary>
internal sealed class BenchClient(HttpClient http, BenchMode mode, BenchAccount account)
{
    private static readonly Uri WeChatPath = new("/wechat", UriKind.Relative);
    private static readonly Uri AskPath = new("/api/ask", UriKind.Relative);
    private static readonly MediaTypeHeaderValue Xml = new("text/xml") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly WeChatCrypto? _crypto = mode == BenchMode.Safe ? new WeChatCrypto(account.EncodingAesKey, account.AppId) : null;

    /// <summary>Sends <paramref name="message"/>; null when the reply is what WeChat expects, else what was wrong.</summary>
    public async Task<string?> SendAsync(BenchMessage message, CancellationToken cancellationToken)
    {
        using var request = mode == BenchMode.Ask ? AskRequest(message) : WeChatRequest(message);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            return mode == BenchMode.Ask ? CheckAnswer(body) : CheckReply(body, message.OpenId);
        }
        catch (HttpRequestException ex)
        {
            return "no response: " + (ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no response within {http.Timeout.TotalSeconds:0} s";
        }
    }

    private HttpRequestMessage WeChatRequest(BenchMessage message)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce();
        var xml =
            $"<xml><ToUserName><![CDATA[{BenchAccount.OriginalId}]]></ToUserName><FromUserName><![CDATA[{message.OpenId}]]></FromUserName>" +
            $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
            $"<Content><![CDATA[{message.Text}]]></Content><MsgId>{message.MsgId}</MsgId></xml>";
        var query = $"signature={WeChatSignature.Compute(account.Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}";
        if (_crypto is not null)
        {
            // Safe mode: the body carries only the account and the ciphertext, signed once more with it.
            var encrypt = _crypto.Encrypt(xml);
            query += $"&encrypt_type=aes&msg_signature={WeChatSignature.Compute(account.Token, timestamp, nonce, encrypt)}";
            xml = $"<xml><ToUserName><![CDATA[{BenchAccount.OriginalId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        }

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        content.Headers.ContentType = Xml;
        return new HttpRequestMessage(HttpMethod.Post, new Uri(WeChatPath + "?" + query, UriKind.Relative)) { Content = content };
    }

    private static HttpRequestMessage AskRequest(BenchMessage message)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["text"] = message.Text, ["user"] = message.OpenId }));
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, AskPath) { Content = content };
    }

    // Reads the passive reply as WeChat does. "success" or an empty body is a valid answer to WeChat, but it means
    // the user got nothing in time (or a 客服 message later), so the bench counts it as a miss.
    private string? CheckReply(string body, string openId)
    {
        if (body.Length == 0 || body == "success")
        {
            return "no passive reply (success or empty)";
        }

        try
        {
            var reply = XElement.Parse(body);
            if (_crypto is not null)
            {
                var encrypt = reply.Element("Encrypt")?.Value;
                var timestamp = reply.Element("TimeStamp")?.Value;
                var nonce = reply.Element("Nonce")?.Value;
                if (encrypt is null || !WeChatSignature.IsValid(reply.Element("MsgSignature")?.Value, account.Token, timestamp, nonce, encrypt))
                {
                    return "encrypted reply without a valid MsgSignature";
                }

                reply = XElement.Parse(_crypto.Decrypt(encrypt));
            }

            if (reply.Element("MsgType")?.Value != "text" || string.IsNullOrEmpty(reply.Element("Content")?.Value))
            {
                return "not a text reply";
            }

            return reply.Element("ToUserName")?.Value == openId && reply.Element("FromUserName")?.Value == BenchAccount.OriginalId
                ? null
                : "a reply addressed to someone else";
        }
        catch (XmlException)
        {
            return "reply is not XML";
        }
        catch (WeChatCryptoException ex)
        {
            return "encrypted reply does not open: " + ex.Error;
        }
    }

    private static string? CheckAnswer(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0
                ? null
                : "answer without text";
        }
        catch (JsonException)
        {
            return "answer is not JSON";
        }
    }

    private static string Nonce() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
}
