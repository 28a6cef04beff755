using System.CommandLine;
using System.CommandLine.Parsing;
using ResponseBot.Cli.Bench;
using ResponseBot.Cli.Output;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>bench wechat</c>: the real service over HTTP on loopback, loaded the way WeChat's servers load it, in safe mode,
/// plaintext mode and through POST /api/ask, so the protocol's cost shows beside the targets of the channel.
/// </summary>
internal static class WeChatBench
{
    // The account the bench plays, and configures the service with when it starts one. Not secrets: a bench account.
    public const string DefaultToken = "rbbench2026";
    public const string DefaultAesKey = "B3nchKey0123456789abcdefghijklmnopqrstuvwxy";
    public const string DefaultAppId = "wxb3c4d5e6f7a8b9c0";

    private const int EncodingAesKeyLength = 43;

    // WeChat gives up on a passive reply after 5 s; twice that and the message is lost for the bench too.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var senders = new Option<int>("--senders")
        {
            Description = "Concurrent senders, each sending its next message when the last reply is in",
            HelpName = "N",
            DefaultValueFactory = _ => 64,
        };
        var duration = new Option<double>("--duration")
        {
            Description = "Seconds measured per mode",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 20,
        };
        var warmUp = new Option<double>("--warmup")
        {
            Description = "Seconds of load before measuring each mode (JIT, connections, caches)",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 3,
        };
        var modes = new Option<string>("--modes")
        {
            Description = "What to measure, in order: safe (encrypted WeChat), plain (plaintext WeChat), ask (POST /api/ask)",
            HelpName = "LIST",
            DefaultValueFactory = _ => BenchModes.All,
        };
        var users = new Option<int>("--users")
        {
            Description = "Distinct OpenIDs the messages come from, in turn",
            HelpName = "N",
            DefaultValueFactory = _ => 20_000,
        };
        var service = new Option<FileInfo?>("--service")
        {
            Description = "The service to start for each mode (default: ResponseBot.Host.dll beside this program, or " +
                "Bot/ResponseBot.Host/bin/<configuration>/net10.0 in this checkout)",
            HelpName = "PATH",
        };
        var url = new Option<string?>("--url")
        {
            Description = "Measure a service already running there instead; its WeChat mode, token, key and AppID must " +
                "match, and its Bot:MessagesPerMinute be high enough for the load",
            HelpName = "URL",
        };
        var token = new Option<string>("--token")
        {
            Description = "The WeChat Token to sign with",
            HelpName = "TOKEN",
            DefaultValueFactory = _ => DefaultToken,
        };
        var aesKey = new Option<string>("--aes-key")
        {
            Description = "The 43-character EncodingAESKey of safe mode",
            HelpName = "KEY",
            DefaultValueFactory = _ => DefaultAesKey,
        };
        var appId = new Option<string>("--appid")
        {
            Description = "The AppID encrypted messages end with",
            HelpName = "APPID",
            DefaultValueFactory = _ => DefaultAppId,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the results as one JSON object on the last line of stdout",
        };
        senders.Validators.Add(r => BenchCommands.Positive(r, senders));
        users.Validators.Add(r => BenchCommands.Positive(r, users));
        duration.Validators.Add(r => Check(r, r.GetValueOrDefault<double>() > 0, "--duration must be a positive number of seconds"));
        warmUp.Validators.Add(r => Check(r, r.GetValueOrDefault<double>() >= 0, "--warmup must not be negative"));
        modes.Validators.Add(r => Check(r, BenchModes.Parse(r.GetValueOrDefault<string>() ?? "") is not null,
            $"--modes takes a comma-separated list of safe, plain and ask, e.g. {BenchModes.All}"));
        service.Validators.Add(r => Check(r, r.GetValueOrDefault<FileInfo?>() is not { Exists: false },
            $"--service: {r.GetValueOrDefault<FileInfo?>()?.FullName} does not exist"));
        url.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>() is not { } given || ServiceUrl(given) is not null,
            "--url must be an absolute http:// or https:// address"));
        token.Validators.Add(r => Check(r, r.GetValueOrDefault<string>() is { Length: >= 3 and <= 32 } t && t.All(char.IsAsciiLetterOrDigit),
            "--token must be 3 to 32 letters and digits"));
        aesKey.Validators.Add(r => Check(r,
            r.GetValueOrDefault<string>() is { Length: EncodingAesKeyLength } k && k.All(char.IsAsciiLetterOrDigit),
            $"--aes-key must be {EncodingAesKeyLength} letters and digits"));
        appId.Validators.Add(r => Check(r, !string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()), "--appid must not be empty"));

        var command = new Command(
            "wechat",
            "Load the real service over HTTP on 127.0.0.1 as WeChat's servers do — signed, in safe mode encrypted, every " +
            "reply opened and checked — and report messages/s, p50/p90/p99/max and errors for safe mode, plaintext mode " +
            "and POST /api/ask, the protocol's cost as ratios, and the targets (safe mode: ≥ " +
            $"{WeChatBenchReport.TargetMessagesPerSecond:0} msgs/s, p99 ≤ {WeChatBenchReport.TargetP99Ms:0} ms, no reply " +
            "over 4.5 s). Starts the built service afresh for each mode on a SQLite file of its own, unless given --url.")
        {
            senders,
            duration,
            warmUp,
            modes,
            users,
            service,
            url,
            token,
            aesKey,
            appId,
            json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(service) is not null && r.GetValue(url) is not null)
            {
                r.AddError("give --service or --url, not both");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            // The validators above have accepted every value, so the parses below succeed.
            var settings = new Settings(
                parse.GetValue(senders),
                TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                BenchModes.Parse(parse.GetRequiredValue(modes))!,
                parse.GetValue(users),
                parse.GetValue(service)?.FullName,
                parse.GetValue(url) is { } given ? ServiceUrl(given) : null,
                new BenchAccount(parse.GetRequiredValue(token), parse.GetRequiredValue(aesKey), parse.GetRequiredValue(appId)),
                parse.GetValue(json));
            return RunAsync(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var hostDll = settings.Url is null ? settings.ServicePath ?? FindHostOrFail() : null;
        var messages = BenchMessages.Load(settings.Users);
        var results = new List<ModeResult>();
        foreach (var mode in settings.Modes)
        {
            results.Add(await MeasureAsync(mode, hostDll, settings, messages, stderr, cancellationToken));
        }

        var setup = new WeChatBenchSetup(
            settings.Senders, settings.WarmUp, settings.Duration, settings.Users,
            hostDll is null ? $"at {settings.Url}" : $"started afresh per mode from {hostDll}");
        WeChatBenchReport.WriteText(stdout, setup, results);
        if (settings.Json)
        {
            stdout.WriteLine(WeChatBenchReport.ToJsonLine(setup, results));
        }

        return CliApp.Ok;
    }

    private static async Task<ModeResult> MeasureAsync(
        BenchMode mode, string? hostDll, Settings settings, BenchMessages messages, TextWriter stderr, CancellationToken cancellationToken)
    {
        var name = mode.Name();
        ServiceProcess? service = null;
        // Whatever ends this process — Ctrl+C, a failure, SIGTERM — must not leave the service running.
        EventHandler killOnExit = (_, _) => service?.Kill();
        AppDomain.CurrentDomain.ProcessExit += killOnExit;
        try
        {
            if (hostDll is not null)
            {
                stderr.WriteLine($"{name}: starting the service");
                service = await ServiceProcess.StartAsync(hostDll, ServiceSettings(mode, settings.Account), cancellationToken);
            }

            using var handler = new System.Net.Http.SocketsHttpHandler
            {
                MaxConnectionsPerServer = settings.Senders,
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
            };
            using var http = new HttpClient(handler) { BaseAddress = service?.BaseAddress ?? settings.Url, Timeout = RequestTimeout };
            var client = new BenchClient(http, mode, settings.Account);
            stderr.WriteLine(
                $"{name}: {settings.Senders} senders, {settings.WarmUp.TotalSeconds:0.##} s warm-up, {settings.Duration.TotalSeconds:0.##} s measured");
            var result = await LoadRun.RunAsync(
                client, messages, mode, settings.Senders, settings.WarmUp, settings.Duration,
                service is null ? null : () => service.CpuTime, cancellationToken);
            stderr.WriteLine(
                $"{name}: {result.Messages} messages, {result.MessagesPerSecond:0} msgs/s, p99 {result.Percentile(99):0.0} ms, {result.ErrorCount} errors");
            return result;
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }

            AppDomain.CurrentDomain.ProcessExit -= killOnExit;
        }
    }

    /// <summary>
    /// The service's configuration for one mode: WeChat on with the bench account, its API unreachable (replies in
    /// time never call it), and a per-user rate limit the load stays under.
    /// </summary>
    private static Dictionary<string, string> ServiceSettings(BenchMode mode, BenchAccount account) => new(StringComparer.Ordinal)
    {
        ["WeChat__Enabled"] = "true",
        ["WeChat__Token"] = account.Token,
        ["WeChat__EncodingAESKey"] = account.EncodingAesKey,
        ["WeChat__AppId"] = account.AppId,
        ["WeChat__AppSecret"] = "benchsecret",
        ["WeChat__Mode"] = mode == BenchMode.Plain ? "Plain" : "Safe",
        ["WeChat__ApiBaseUrl"] = "http://127.0.0.1:1",
        ["Bot__MessagesPerMinute"] = "1000",
    };

    private static string FindHostOrFail() =>
        ServiceProcess.FindHost() ?? throw new CliException(
            $"the service is not built: {ServiceProcess.BuiltHostPath() ?? ServiceProcess.HostAssembly} is missing; build it " +
            $"(dotnet build Bot/ResponseBot.Host -c {ServiceProcess.BuildConfiguration}), or pass --service PATH or --url URL");

    private static Uri? ServiceUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static void Check(OptionResult result, bool valid, string error)
    {
        if (!valid)
        {
            result.AddError(error);
        }
    }

    private sealed record Settings(
        int Senders,
        TimeSpan WarmUp,
        TimeSpan Duration,
        IReadOnlyList<BenchMode> Modes,
        int Users,
        string? ServicePath,
        Uri? Url,
        BenchAccount Account,
        bool Json);
}
