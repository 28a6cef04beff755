using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ResponseBot.WeChat.Fake;

/// <summary>The API paths the fake serves, for counters and failure hooks.</summary>
public enum FakeEndpoint
{
    /// <summary><c>GET /cgi-bin/token</c>.</summary>
    Token,

    /// <summary><c>POST /cgi-bin/stable_token</c>.</summary>
    StableToken,

    /// <summary><c>POST /cgi-bin/message/custom/send</c>.</summary>
    CustomSend,

    /// <summary><c>POST /cgi-bin/menu/create</c>.</summary>
    MenuCreate,
}

/// <summary>A customer-service message the fake accepted.</summary>
/// <param name="ToUser">The OpenID.</param>
/// <param name="MessageType">The <c>msgtype</c>; the fake accepts <c>text</c> only.</param>
/// <param name="Content">The text.</param>
/// <param name="Body">The request body exactly as sent.</param>
public sealed record FakeCustomMessage(string ToUser, string MessageType, string Content, string Body);

/// <summary>
/// A local stand-in for the WeChat API (api.weixin.qq.com), on 127.0.0.1 and a free port, that answers as the
/// documented API does, errors included: HTTP 200 with <c>{"errcode":…,"errmsg":…}</c>. It issues access tokens
/// (<c>/cgi-bin/token</c>, <c>/cgi-bin/stable_token</c>), checks them, enforces the 2048-byte text limit and the
/// customer-service quota and window, and validates menus. Hooks let a test expire tokens, make calls fail, close a
/// user's window, and wait for the next message.
/// </summary>
/// <remarks>
/// Token rules, as documented: a stable token is returned unchanged while more than 5 minutes remain, after which a
/// new one is issued (the old one lives out its time); <c>force_refresh</c> issues a new one and revokes the old;
/// <c>/cgi-bin/token</c> issues a new one and leaves the old 5 minutes. Each user has a window open from the start
/// (as if they had just written), with <see cref="QuotaPerUser"/> messages in <see cref="QuotaWindow"/> counted from
/// the first message; <see cref="UserMessaged"/> opens a fresh window, <see cref="CloseWindow"/> closes it.
/// </remarks>
public sealed class FakeWeChatApi : IAsyncDisposable
{
    /// <summary>The AppID the fake accepts unless told otherwise.</summary>
    public const string DefaultAppId = "wx5ca1ab1efa4e0001";

    /// <summary>The AppSecret the fake accepts unless told otherwise.</summary>
    public const string DefaultAppSecret = "fake0secret0b8d2c4e6f8a0b2c4d6e8";

    /// <summary>The <c>expires_in</c> of a new token.</summary>
    public const int TokenLifetimeSeconds = 7200;

    /// <summary>Messages a user may get within <see cref="QuotaWindow"/>.</summary>
    public const int QuotaPerUser = 5;

    /// <summary>The most UTF-8 bytes of a text message.</summary>
    public const int MaxTextBytes = 2048;

    /// <summary>The customer-service window after a user's message.</summary>
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(48);

    private static readonly TimeSpan StableRenewal = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OldTokenGrace = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly List<string> _issued = [];
    private readonly Dictionary<string, UserWindow> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<FakeEndpoint, int> _calls = [];
    private readonly Dictionary<FakeEndpoint, Queue<Fault>> _faults = [];
    private readonly List<FakeCustomMessage> _received = [];
    private readonly Channel<FakeCustomMessage> _arrivals = Channel.CreateUnbounded<FakeCustomMessage>();
    private readonly List<string> _menus = [];
    private WebApplication? _app;
    private string? _current;
    private int _forcedRefreshes;
    private int _sequence;

    private FakeWeChatApi(string appId, string appSecret, TimeProvider time)
    {
        AppId = appId;
        AppSecret = appSecret;
        _time = time;
    }

    /// <summary>The address to put in <c>WeChat:ApiBaseUrl</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The AppID token requests must carry (else 40013).</summary>
    public string AppId { get; }

    /// <summary>The AppSecret token requests must carry (else 40125).</summary>
    public string AppSecret { get; }

    /// <summary>The stable token now in force, if any.</summary>
    public string? CurrentToken
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Every token issued, oldest first.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _issued];
            }
        }
    }

    /// <summary>Customer-service messages accepted, in order.</summary>
    public IReadOnlyList<FakeCustomMessage> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The bodies of the menus accepted, in order.</summary>
    public IReadOnlyList<string> Menus
    {
        get
        {
            lock (_lock)
            {
                return [.. _menus];
            }
        }
    }

    /// <summary>stable_token calls with <c>force_refresh</c> that issued a token.</summary>
    public int ForcedRefreshes
    {
        get
        {
            lock (_lock)
            {
                return _forcedRefreshes;
            }
        }
    }

    /// <summary>Starts the fake on 127.0.0.1 and a free port.</summary>
    /// <param name="appId">The AppID it accepts.</param>
    /// <param name="appSecret">The AppSecret it accepts.</param>
    /// <param name="timeProvider">Its clock, for token expiry and quota windows; the system clock by default.</param>
    public static async Task<FakeWeChatApi> StartAsync(
        string appId = DefaultAppId, string appSecret = DefaultAppSecret, TimeProvider? timeProvider = null)
    {
        var fake = new FakeWeChatApi(appId, appSecret, timeProvider ?? TimeProvider.System);
        // An empty builder: no appsettings.json of the test folder, no logging, only what is set here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake._app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        fake.BaseUrl = addresses.Addresses.First();
        return fake;
    }

    /// <summary>Calls made to <paramref name="endpoint"/>, whatever their outcome.</summary>
    public int Calls(FakeEndpoint endpoint)
    {
        lock (_lock)
        {
            return _calls.GetValueOrDefault(endpoint);
        }
    }

    /// <summary>Every token issued so far expires now: calls with them get 42001, and stable_token issues a new one.</summary>
    public void ExpireTokens()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = now;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls to <paramref name="endpoint"/> answer <paramref name="errorCode"/>.</summary>
    public void FailNext(FakeEndpoint endpoint, int count, int errorCode) => AddFaults(endpoint, count, new Fault(errorCode, null, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> calls to <paramref name="endpoint"/> answer HTTP <paramref name="statusCode"/>.</summary>
    public void FailNextWithStatus(FakeEndpoint endpoint, int count, int statusCode = 500) =>
        AddFaults(endpoint, count, new Fault(null, statusCode, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> calls to <paramref name="endpoint"/> wait <paramref name="delay"/> first.</summary>
    public void DelayNext(FakeEndpoint endpoint, int count, TimeSpan delay) => AddFaults(endpoint, count, new Fault(null, null, delay));

    /// <summary>The user's window closes: messages to them get 45015 until <see cref="UserMessaged"/>.</summary>
    public void CloseWindow(string openId)
    {
        lock (_lock)
        {
            User(openId).Closed = true;
        }
    }

    /// <summary>The user wrote: a fresh window with a fresh quota.</summary>
    public void UserMessaged(string openId)
    {
        lock (_lock)
        {
            _users[openId] = new UserWindow();
        }
    }

    /// <summary>The next message accepted (or already accepted and not yet taken); fails after <paramref name="timeout"/>.</summary>
    public async Task<FakeCustomMessage> NextReceivedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no customer-service message reached the fake within {timeout}");
        }
    }

    /// <summary>Stops the server; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private void AddFaults(FakeEndpoint endpoint, int count, Fault fault)
    {
        lock (_lock)
        {
            if (!_faults.TryGetValue(endpoint, out var queue))
            {
                _faults[endpoint] = queue = new Queue<Fault>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        FakeEndpoint? endpoint = (context.Request.Method, context.Request.Path.Value) switch
        {
            ("GET", "/cgi-bin/token") => FakeEndpoint.Token,
            ("POST", "/cgi-bin/stable_token") => FakeEndpoint.StableToken,
            ("POST", "/cgi-bin/message/custom/send") => FakeEndpoint.CustomSend,
            ("POST", "/cgi-bin/menu/create") => FakeEndpoint.MenuCreate,
            _ => null,
        };
        if (endpoint is not { } called)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Fault? fault;
        lock (_lock)
        {
            _calls[called] = _calls.GetValueOrDefault(called) + 1;
            fault = _faults.TryGetValue(called, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }

        if (fault is not null)
        {
            await Task.Delay(fault.Delay, context.RequestAborted);
            if (fault.StatusCode is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }

            if (fault.ErrorCode is { } injected)
            {
                await WriteAsync(context, Error(injected, "injected by the fake"));
                return;
            }
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var answer = called switch
        {
            FakeEndpoint.Token => Token(context.Request.Query),
            FakeEndpoint.StableToken => WithJson(body, StableToken),
            FakeEndpoint.CustomSend => Authorized(context.Request.Query) ?? WithJson(body, json => CustomSend(json, body)),
            _ => Authorized(context.Request.Query) ?? WithJson(body, json => MenuCreate(json, body)),
        };
        await WriteAsync(context, answer);
    }

    private Answer Token(IQueryCollection query)
    {
        if (query["grant_type"] != "client_credential")
        {
            return Error(40002, "invalid grant_type");
        }

        if (Credentials(query["appid"], query["secret"]) is { } refused)
        {
            return refused;
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_current is not null && _tokens[_current] > now + OldTokenGrace)
            {
                _tokens[_current] = now + OldTokenGrace;
            }

            return Issued(Issue(now));
        }
    }

    private Answer StableToken(JsonElement json)
    {
        if (Text(json, "grant_type") != "client_credential")
        {
            return Error(40002, "invalid grant_type");
        }

        if (Credentials(Text(json, "appid"), Text(json, "secret")) is { } refused)
        {
            return refused;
        }

        var force = json.TryGetProperty("force_refresh", out var f) && f.ValueKind == JsonValueKind.True;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (force)
            {
                if (_current is not null)
                {
                    _tokens.Remove(_current);
                }

                _forcedRefreshes++;
                return Issued(Issue(now));
            }

            if (_current is not null && _tokens.TryGetValue(_current, out var expires) && expires - now > StableRenewal)
            {
                return new Answer($$"""{"access_token":"{{_current}}","expires_in":{{(int)(expires - now).TotalSeconds}}}""");
            }

            return Issued(Issue(now));
        }
    }

    private Answer CustomSend(JsonElement json, string body)
    {
        var toUser = Text(json, "touser");
        var type = Text(json, "msgtype");
        if (string.IsNullOrEmpty(toUser))
        {
            return Error(40003, "invalid openid");
        }

        if (type != "text")
        {
            return Error(40008, "invalid message type");
        }

        var content = json.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object ? Text(text, "content") : null;
        if (string.IsNullOrEmpty(content))
        {
            return Error(44003, "empty news data");
        }

        if (Encoding.UTF8.GetByteCount(content) > MaxTextBytes)
        {
            return Error(45002, "content size out of limit");
        }

        FakeCustomMessage message;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var user = User(toUser);
            if (user.Closed)
            {
                return Error(45015, "response out of time limit or subscription is canceled");
            }

            if (user.Sent == 0 || now - user.WindowStart >= QuotaWindow)
            {
                user.WindowStart = now;
                user.Sent = 0;
            }

            if (user.Sent >= QuotaPerUser)
            {
                return Error(45047, "out of response count limit");
            }

            user.Sent++;
            message = new FakeCustomMessage(toUser, type, content, body);
            _received.Add(message);
        }

        _arrivals.Writer.TryWrite(message);
        return Error(0, "ok");
    }

    private Answer MenuCreate(JsonElement json, string body)
    {
        if (!json.TryGetProperty("button", out var buttons) || buttons.ValueKind != JsonValueKind.Array
            || buttons.GetArrayLength() is < 1 or > 3)
        {
            return Error(40016, "invalid button size");
        }

        foreach (var button in buttons.EnumerateArray())
        {
            if (CheckButton(button, top: true) is { } refused)
            {
                return refused;
            }
        }

        lock (_lock)
        {
            _menus.Add(body);
        }

        return Error(0, "ok");
    }

    /// <summary>The codes of the official list: 40016–40020 for top-level buttons, 40023–40027 below.</summary>
    private static Answer? CheckButton(JsonElement button, bool top)
    {
        var name = Text(button, "name");
        if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > (top ? 16 : 60))
        {
            return top ? Error(40018, "invalid button name size") : Error(40025, "invalid sub button name size");
        }

        if (top && button.TryGetProperty("sub_button", out var subs))
        {
            if (subs.ValueKind != JsonValueKind.Array || subs.GetArrayLength() is < 1 or > 5)
            {
                return Error(40023, "invalid sub button size");
            }

            return subs.EnumerateArray().Select(sub => CheckButton(sub, top: false)).FirstOrDefault(a => a is not null);
        }

        switch (Text(button, "type"))
        {
            case "click":
                var key = Text(button, "key");
                return string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) > 128
                    ? top ? Error(40019, "invalid button key size") : Error(40026, "invalid sub button key size")
                    : null;
            case "view":
                var url = Text(button, "url");
                return string.IsNullOrEmpty(url) || Encoding.UTF8.GetByteCount(url) > 1024
                    ? top ? Error(40020, "invalid button url size") : Error(40027, "invalid sub button url size")
                    : null;
            default:
                return top ? Error(40017, "invalid button type") : Error(40024, "invalid sub button type");
        }
    }

    private Answer? Credentials(string? appId, string? secret)
    {
        if (appId != AppId)
        {
            return Error(40013, "invalid appid");
        }

        return secret != AppSecret ? Error(40125, "invalid appsecret") : null;
    }

    private Answer? Authorized(IQueryCollection query)
    {
        var token = query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return Error(41001, "access_token missing");
        }

        lock (_lock)
        {
            if (!_tokens.TryGetValue(token, out var expires))
            {
                return Error(40001, "invalid credential, access_token is invalid or not latest");
            }

            return expires <= _time.GetUtcNow() ? Error(42001, "access_token expired") : null;
        }
    }

    private string Issue(DateTimeOffset now)
    {
        var token = $"FAKE_TOKEN_{Interlocked.Increment(ref _sequence):D4}_{Guid.NewGuid():N}";
        _tokens[token] = now.AddSeconds(TokenLifetimeSeconds);
        _issued.Add(token);
        _current = token;
        return token;
    }

    private UserWindow User(string openId)
    {
        if (!_users.TryGetValue(openId, out var user))
        {
            _users[openId] = user = new UserWindow();
        }

        return user;
    }

    private static Answer Issued(string token) =>
        new($$"""{"access_token":"{{token}}","expires_in":{{TokenLifetimeSeconds}}}""");

    private static Answer WithJson(string body, Func<JsonElement, Answer> handle)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? handle(document.RootElement)
                : Error(47001, "data format error");
        }
        catch (JsonException)
        {
            return Error(47001, "data format error");
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Answer Error(int errorCode, string errorMessage) =>
        new($$"""{"errcode":{{errorCode}},"errmsg":{{JsonSerializer.Serialize(errorMessage)}}}""");

    private static Task WriteAsync(HttpContext context, Answer answer)
    {
        // WeChat answers errors with HTTP 200 too.
        context.Response.ContentType = "application/json; encoding=utf-8";
        return context.Response.WriteAsync(answer.Json, context.RequestAborted);
    }

    private sealed record Answer(string Json);

    private sealed record Fault(int? ErrorCode, int? StatusCode, TimeSpan Delay);

    private sealed class UserWindow
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Sent { get; set; }

        public bool Closed { get; set; }
    }
}
