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

namespace ResponseBot.WeCom.Fake;

/// <summary>A markdown message the fake robot accepted.</summary>
/// <param name="Content">The markdown content.</param>
/// <param name="Body">The request body exactly as sent.</param>
public sealed record FakeWeComMessage(string Content, string Body);

/// <summary>
/// A local stand-in for a WeCom group robot's webhook (<c>POST /cgi-bin/webhook/send?key=…</c>) on 127.0.0.1 and a
/// free port. It answers as WeCom does — HTTP 200 with <c>{"errcode":…,"errmsg":…}</c> — checks the key, the
/// message type and the 4096-byte markdown limit, and records what it accepted. Hooks make the next calls fail
/// (an errcode such as 45009 or -1, an HTTP status, or a dropped connection) and let a test wait for the next message.
/// </summary>
public sealed class FakeWeComRobot : IAsyncDisposable
{
    /// <summary>The key the fake accepts unless told otherwise.</summary>
    public const string DefaultKey = "00000000-fake-4bot-8key-wecom0000001";

    /// <summary>The most UTF-8 bytes of a markdown message's content.</summary>
    public const int MaxMarkdownBytes = 4096;

    /// <summary>WeCom's rate-limit errcode (20 messages a minute per robot).</summary>
    public const int RateLimited = 45009;

    private readonly Lock _lock = new();
    private readonly List<FakeWeComMessage> _received = [];
    private readonly Queue<Fault> _faults = new();
    private readonly Channel<FakeWeComMessage> _arrivals = Channel.CreateUnbounded<FakeWeComMessage>();
    private WebApplication? _app;
    private int _calls;

    private FakeWeComRobot(string key) => Key = key;

    /// <summary>The robot's key.</summary>
    public string Key { get; }

    /// <summary>The webhook to put in <c>Alerts:WeCom:WebhookUrl</c>, key included.</summary>
    public string WebhookUrl { get; private set; } = string.Empty;

    /// <summary>Calls made to the webhook, whatever their outcome.</summary>
    public int Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls;
            }
        }
    }

    /// <summary>Messages accepted, in order.</summary>
    public IReadOnlyList<FakeWeComMessage> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts the fake on 127.0.0.1 and a free port.</summary>
    /// <param name="key">The key it accepts.</param>
    public static async Task<FakeWeComRobot> StartAsync(string key = DefaultKey)
    {
        var fake = new FakeWeComRobot(key);
        // An empty builder: no appsettings.json of the test folder, no logging, only what is set here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.WebhookUrl = $"{address}/cgi-bin/webhook/send?key={Uri.EscapeDataString(key)}";
        return fake;
    }

    /// <summary>The next <paramref name="count"/> calls answer errcode <paramref name="errorCode"/> (e.g. 45009, -1).</summary>
    public void FailNext(int count, int errorCode) => AddFaults(count, new Fault(errorCode, null, Drop: false));

    /// <summary>The next <paramref name="count"/> calls answer HTTP <paramref name="statusCode"/>.</summary>
    public void FailNextWithStatus(int count, int statusCode = 502) => AddFaults(count, new Fault(null, statusCode, Drop: false));

    /// <summary>The next <paramref name="count"/> calls have their connection closed without an answer.</summary>
    public void DropNext(int count) => AddFaults(count, new Fault(null, null, Drop: true));

    /// <summary>The next message accepted (or accepted and not yet taken); fails after <paramref name="timeout"/>.</summary>
    public async Task<FakeWeComMessage> NextReceivedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message reached the fake WeCom robot within {timeout}");
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

    private void AddFaults(int count, Fault fault)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/cgi-bin/webhook/send")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Fault? fault;
        lock (_lock)
        {
            _calls++;
            fault = _faults.Count > 0 ? _faults.Dequeue() : null;
        }

        if (fault is { Drop: true })
        {
            context.Abort();
            return;
        }

        if (fault?.StatusCode is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        if (fault?.ErrorCode is { } injected)
        {
            await WriteAsync(context, injected, injected == RateLimited ? "api freq out of limit" : "injected by the fake");
            return;
        }

        if (context.Request.Query["key"] != Key)
        {
            await WriteAsync(context, 93000, "invalid webhook url");
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (code, message, accepted) = Check(body);
        if (accepted is not null)
        {
            lock (_lock)
            {
                _received.Add(accepted);
            }

            _arrivals.Writer.TryWrite(accepted);
        }

        await WriteAsync(context, code, message);
    }

    private static (int Code, string Message, FakeWeComMessage? Accepted) Check(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("msgtype", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return (40008, "invalid message type", null);
            }

            if (type.GetString() != "markdown")
            {
                return (40008, "invalid message type", null);
            }

            if (!root.TryGetProperty("markdown", out var markdown) || markdown.ValueKind != JsonValueKind.Object
                || !markdown.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(content.GetString()))
            {
                return (44004, "empty content", null);
            }

            var text = content.GetString()!;
            return Encoding.UTF8.GetByteCount(text) > MaxMarkdownBytes
                ? (40058, "markdown.content exceed max length 4096", null)
                : (0, "ok", new FakeWeComMessage(text, body));
        }
        catch (JsonException)
        {
            return (40001, "invalid json", null);
        }
    }

    private static Task WriteAsync(HttpContext context, int errorCode, string errorMessage)
    {
        // WeCom answers errors with HTTP 200 too.
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(
            $$"""{"errcode":{{errorCode}},"errmsg":{{JsonSerializer.Serialize(errorMessage)}}}""", context.RequestAborted);
    }

    private sealed record Fault(int? ErrorCode, int? StatusCode, bool Drop);
}
