using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ResponseBot.Cli.Bench;

/// <summary>
/// The built service (<c>ResponseBot.Host.dll</c>) run as a child process on 127.0.0.1 and a free port, configured
/// through environment variables, on a SQLite file of its own. Disposing it kills the process and deletes the file.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public const string HostAssembly = "ResponseBot.Host.dll";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int KeptOutputLines = 20;

    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _lastOutput = new();

    private ServiceProcess(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the service has used so far, on all its threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// The service to start by default: <see cref="HostAssembly"/> beside this program (both published to one
    /// folder), else the Host's build output in the checkout this program was built from, in the same configuration
    /// (Release or Debug). Null when neither exists.
    /// </summary>
    public static string? FindHost()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, HostAssembly);
        if (File.Exists(beside))
        {
            return beside;
        }

        var built = BuiltHostPath();
        return built is not null && File.Exists(built) ? built : null;
    }

    /// <summary>The configuration this program was built in (Release or Debug); the Host is looked for in the same.</summary>
    public static string BuildConfiguration { get; } =
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>Where the checkout's build puts the Host, whether or not it has been built; null outside a checkout.</summary>
    public static string? BuiltHostPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResponseBot.sln")))
            {
                return Path.Combine(
                    directory.FullName, "Bot", "ResponseBot.Host", "bin", BuildConfiguration, "net10.0", HostAssembly);
            }
        }

        return null;
    }

    /// <summary>
    /// Starts <paramref name="hostDll"/> with <paramref name="settings"/> (configuration keys with <c>__</c>, added
    /// to this process's environment) and waits until <c>GET /health</c> answers.
    /// </summary>
    /// <exception cref="CliException">The service exited or did not answer within a minute; the message ends with its last output.</exception>
    public static async Task<ServiceProcess> StartAsync(
        string hostDll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("responsebot-bench-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["Knowledge__SqlitePath"] = Path.Combine(directory, "responsebot.db");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        ServiceProcess? service = null;
        try
        {
            process.Start();
            service = new ServiceProcess(process, directory, baseAddress);
            // The service logs a line per message at the default level: read it all, or it blocks on a full pipe.
            process.OutputDataReceived += (_, e) => service.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await service.WaitUntilHealthyAsync(cancellationToken);
            return service;
        }
        catch
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
            else
            {
                process.Dispose();
                Directory.Delete(directory, recursive: true);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // It never started, or will not die: nothing more this process can do about it.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the folder is in the temp directory.
        }
    }

    /// <summary>Kills the service without waiting: for when this process is exiting.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new CliException($"the service exited with code {_process.ExitCode} while starting{LastOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but busy starting.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new CliException($"the service did not answer GET /health within {StartTimeout.TotalSeconds:0} s{LastOutput()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > KeptOutputLines)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    private string LastOutput()
    {
        lock (_lastOutput)
        {
            return _lastOutput.Count == 0 ? "" : "; its last output:\n" + string.Join('\n', _lastOutput);
        }
    }

    // The port is free now; the service binds it a moment later. Another process could take it in between, and then
    // the service fails to start and says so.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
