using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Turns;
using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat;

/// <summary>
/// The 公众号 server endpoint: verifies every request before anything else (signature in constant time, timestamp
/// window), opens encrypted messages, hands the message to the bot and renders the reply in WeChat's dialect,
/// encrypted when the request was. A reply that is not ready within the budget becomes <c>success</c> now and a
/// 客服 message later; WeChat never sees a 5xx.
/// </summary>
internal sealed class WeChatWebhook
{
    /// <summary>The largest body accepted; real messages are a few hundred bytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly TurnPipeline _pipeline;
    private readonly CustomerServiceSender _sender;
    private readonly WeChatOptions _options;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<WeChatWebhook> _logger;
    private readonly WeChatCrypto? _crypto;
    private readonly WeChatMenu _menu;

    public WeChatWebhook(
        TurnPipeline pipeline,
        CustomerServiceSender sender,
        WeChatMenu menu,
        IOptions<WeChatOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<WeChatWebhook> logger)
    {
        _pipeline = pipeline;
        _sender = sender;
        _options = options.Value;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
        _crypto = _options.Mode == WeChatMode.Plain ? null : new WeChatCrypto(_options.EncodingAESKey, _options.AppId);
        _menu = menu;
    }

    /// <summary>GET: the URL check WeChat makes when the server address is saved; echoes <c>echostr</c>.</summary>
    public Results<ContentHttpResult, ProblemHttpResult> Verify(HttpRequest request)
    {
        var query = Query.Read(request);
        var echo = request.Query["echostr"].ToString();
        if ((query.Problem ?? (echo.Length == 0 ? "The query must carry echostr." : null)) is { } missing)
        {
            return Problem(StatusCodes.Status400BadRequest, missing);
        }

        if (Authenticate(query) is { } refused)
        {
            return refused;
        }

        return TypedResults.Text(echo, "text/plain");
    }

    /// <summary>POST: one message or event.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var http = request.HttpContext;
        var started = _time.GetTimestamp();
        var query = Query.Read(http.Request);
        if (query.Problem is { } missing)
        {
            return Problem(StatusCodes.Status400BadRequest, missing);
        }

        if (Authenticate(query) is { } refused)
        {
            return refused;
        }

        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is over {MaxBodyBytes} bytes.");
        }

        var (message, problem) = Open(body, query);
        if (message is null)
        {
            return problem!;
        }

        try
        {
            var inbound = WeChatTranslator.ToInbound(message, _menu.EntriesFor);
            var reply = await ReplyWithinBudgetAsync(inbound, started, http.RequestAborted).ConfigureAwait(false);
            return reply is null || reply.Kind == ReplyKind.Silent ? Acknowledge(query.Encrypted) : Render(reply, message, query.Encrypted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A 5xx makes WeChat retry and then show "该公众号暂时无法提供服务"; the turn pipeline already answers its own
            // failures, so this is a bug in rendering: log it and tell WeChat not to retry.
            Log.WebhookFailed(_logger, ex);
            return Acknowledge(query.Encrypted);
        }
    }

    private ProblemHttpResult? Authenticate(Query query)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - query.Timestamp) > _options.TimestampToleranceSeconds)
        {
            // An old (or future) timestamp with a valid signature is a captured request played again.
            Log.Refused(_logger, "timestamp outside the window");
            return Problem(StatusCodes.Status401Unauthorized, "The timestamp is too far from the server's clock.");
        }

        if (!WeChatSignature.IsValid(query.Signature, _options.Token, query.TimestampText, query.Nonce))
        {
            Log.Refused(_logger, "bad signature");
            return Problem(StatusCodes.Status401Unauthorized, "The signature does not match.");
        }

        return null;
    }

    // Reads the envelope, and for an encrypted request checks msg_signature before decrypting the inner message.
    private (WeChatInbound? Message, ProblemHttpResult? Problem) Open(byte[] body, Query query)
    {
        WeChatInbound envelope;
        try
        {
            envelope = WeChatXml.Parse(body);
        }
        catch (WeChatXmlException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, ex.Message));
        }

        if (!query.Encrypted)
        {
            return _options.Mode == WeChatMode.Safe
                ? (null, Problem(StatusCodes.Status400BadRequest, "This account runs in safe mode: messages must be encrypted (encrypt_type=aes)."))
                : Complete(envelope);
        }

        if (_crypto is null)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "This account runs in plaintext mode: encrypted messages are not expected."));
        }

        if (string.IsNullOrEmpty(envelope.Encrypt))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "An encrypted request must carry <Encrypt>."));
        }

        if (!WeChatSignature.IsValid(query.MessageSignature, _options.Token, query.TimestampText, query.Nonce, envelope.Encrypt))
        {
            Log.Refused(_logger, "bad msg_signature");
            return (null, Problem(StatusCodes.Status401Unauthorized, "The msg_signature does not match."));
        }

        try
        {
            return Complete(WeChatXml.Parse(_crypto.Decrypt(envelope.Encrypt)));
        }
        catch (WeChatCryptoException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, ex.Message));
        }
        catch (WeChatXmlException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The decrypted message is not valid: " + ex.Message));
        }
    }

    private static (WeChatInbound?, ProblemHttpResult?) Complete(WeChatInbound message) =>
        string.IsNullOrEmpty(message.FromUserName) || string.IsNullOrEmpty(message.ToUserName) || string.IsNullOrEmpty(message.MsgType)
            ? (null, Problem(StatusCodes.Status400BadRequest, "The message must carry ToUserName, FromUserName and MsgType."))
            : (message, null);

    // Waits for the bot up to the budget, counted from the request's arrival. Past it, the turn goes on and its reply
    // travels as a 客服 message; WeChat gets "success" now and does not retry.
    private async Task<BotReply?> ReplyWithinBudgetAsync(InboundMessage inbound, long started, CancellationToken requestAborted)
    {
        // The turn belongs to the service, not to the request: a dropped connection must not lose the answer.
        var turn = _pipeline.RunAsync(inbound, _lifetime.ApplicationStopping);
        var remaining = TimeSpan.FromMilliseconds(_options.ReplyBudgetMilliseconds) - _time.GetElapsedTime(started);
        try
        {
            return await turn.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time, requestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && requestAborted.IsCancellationRequested))
        {
            Log.PastBudget(_logger, _options.ReplyBudgetMilliseconds);
            _ = SendLateAsync(turn, inbound.UserId);
            return null;
        }
    }

    private async Task SendLateAsync(Task<BotReply> turn, string openId)
    {
        try
        {
            var reply = await turn.ConfigureAwait(false);
            if (reply.Kind != ReplyKind.Silent)
            {
                _sender.TryEnqueue(openId, reply.Text);
            }
        }
        catch (OperationCanceledException)
        {
            // The service is stopping; the user will ask again.
        }
    }

    private ContentHttpResult Render(BotReply reply, WeChatInbound message, bool encrypted)
    {
        // A passive reply holds 2,048 bytes; the rest follows as 客服 messages.
        var text = reply.Text;
        if (WeChatText.Utf8Length(text) > WeChatText.MaxTextBytes)
        {
            var pieces = WeChatText.SplitUtf8(text, WeChatText.MaxTextBytes);
            text = pieces[0];
            _sender.TryEnqueue(message.FromUserName!, string.Concat(pieces.Skip(1)));
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var xml = WeChatXml.RenderText(message.FromUserName!, message.ToUserName!, now, text);
        if (!encrypted)
        {
            return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
        }

        var encrypt = _crypto!.Encrypt(xml);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.Compute(_options.Token, now.ToString(CultureInfo.InvariantCulture), nonce, encrypt);
        return TypedResults.Text(WeChatXml.RenderEncrypted(encrypt, signature, now, nonce), "application/xml", Encoding.UTF8);
    }

    // "success" tells WeChat there is no passive reply and not to retry. In encrypted modes an empty body says the
    // same and is the documented safe choice: a plaintext "success" is not an encrypted reply.
    private static ContentHttpResult Acknowledge(bool encrypted) =>
        encrypted ? TypedResults.Text(string.Empty, "text/plain") : TypedResults.Text("success", "text/plain");

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    // The query every request carries. Problem is set when something required is missing or malformed.
    private readonly record struct Query(
        string? Signature, string TimestampText, long Timestamp, string Nonce, bool Encrypted, string? MessageSignature, string? Problem)
    {
        public static Query Read(HttpRequest request)
        {
            var q = request.Query;
            var signature = q["signature"].ToString();
            var timestamp = q["timestamp"].ToString();
            var nonce = q["nonce"].ToString();
            var encrypted = string.Equals(q["encrypt_type"].ToString(), "aes", StringComparison.OrdinalIgnoreCase);
            var messageSignature = q["msg_signature"].ToString();
            var numeric = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
            var problem =
                signature.Length == 0 || timestamp.Length == 0 || nonce.Length == 0 ? "The query must carry signature, timestamp and nonce."
                : !numeric ? "The timestamp must be whole seconds since 1970."
                : encrypted && messageSignature.Length == 0 ? "An encrypted request must carry msg_signature."
                : null;
            return new Query(signature, timestamp, seconds, nonce, encrypted, messageSignature, problem);
        }
    }
}
