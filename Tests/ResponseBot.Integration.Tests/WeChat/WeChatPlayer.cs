using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Xml.Linq;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Integration.Tests.WeChat;

/// <summary>What WeChat's servers got back for one request.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Content">The text reply's Content, decrypted and checked when encrypted; null for "success" or empty.</param>
internal sealed record WeChatResponse(HttpStatusCode Status, string Body, string? Content);

/// <summary>
/// Plays WeChat's servers: signs requests with the token, encrypts them in safe mode, and opens the replies —
/// checking their signature — the way WeChat does.
/// </summary>
internal sealed class WeChatPlayer(HttpClient client, string token, string encodingAesKey, string appId, bool encrypt)
{
    public const string Account = "gh_0123456789ab";

    private readonly WeChatCrypto _crypto = new(encodingAesKey, appId);
    private long _nextMsgId = 7_000_000_000_000_000_000 + Random.Shared.Next(1_000_000);

    public HttpClient Client => client;

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string TextXml(string openId, string content, long msgId, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? Now}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    public static string EventXml(string openId, string name, string key = "", long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? Now}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
        $"<Event><![CDATA[{name}]]></Event><EventKey><![CDATA[{key}]]></EventKey></xml>";

    public long NextMsgId() => Interlocked.Increment(ref _nextMsgId);

    public Task<WeChatResponse> SendTextAsync(string openId, string content) => PostAsync(TextXml(openId, content, NextMsgId()));

    /// <summary>Posts <paramref name="innerXml"/> as WeChat would: signed, and in safe mode encrypted.</summary>
    public Task<WeChatResponse> PostAsync(string innerXml, long? timestamp = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = $"signature={WeChatSignature.Compute(token, ts, nonce)}&timestamp={ts}&nonce={nonce}";
        if (!encrypt)
        {
            return PostRawAsync(query, Encoding.UTF8.GetBytes(innerXml));
        }

        var encrypted = _crypto.Encrypt(innerXml);
        query += $"&encrypt_type=aes&msg_signature={WeChatSignature.Compute(token, ts, nonce, encrypted)}";
        var body = $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>";
        return PostRawAsync(query, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>A signed query for <paramref name="timestamp"/> (now by default), and a matching msg_signature for <paramref name="encrypted"/>.</summary>
    public string SignedQuery(long? timestamp = null, string? encrypted = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        const string Nonce = "123456789";
        var query = $"signature={WeChatSignature.Compute(token, ts, Nonce)}&timestamp={ts}&nonce={Nonce}";
        return encrypted is null ? query : query + $"&encrypt_type=aes&msg_signature={WeChatSignature.Compute(token, ts, Nonce, encrypted)}";
    }

    public async Task<WeChatResponse> PostRawAsync(string query, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");
        using var response = await client.PostAsync(new Uri("/wechat?" + query, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return new WeChatResponse(response.StatusCode, text, response.IsSuccessStatusCode ? Open(text) : null);
    }

    // Reads a passive reply as WeChat does: "success" or empty means none; an encrypted envelope must verify.
    private string? Open(string body)
    {
        if (body.Length == 0 || body == "success")
        {
            return null;
        }

        var root = XDocument.Parse(body).Root!;
        if (root.Element("Encrypt") is { } encrypted)
        {
            var expected = WeChatSignature.Compute(token, root.Element("TimeStamp")!.Value, root.Element("Nonce")!.Value, encrypted.Value);
            if (!string.Equals(expected, root.Element("MsgSignature")!.Value, StringComparison.Ordinal))
            {
                throw new SecurityException("The reply's MsgSignature does not verify.");
            }

            root = XDocument.Parse(_crypto.Decrypt(encrypted.Value)).Root!;
        }

        if (root.Element("MsgType")?.Value != "text" || root.Element("ToUserName") is null)
        {
            throw new InvalidDataException("Not a text reply: " + body);
        }

        return root.Element("Content")!.Value;
    }
}
