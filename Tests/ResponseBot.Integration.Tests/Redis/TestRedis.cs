using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ResponseBot.Integration.Tests.Redis;

/// <summary>
/// The real Redis of a test run. <c>RESPONSEBOT_TEST_REDIS</c> (host:port, set by scripts/test.sh) names it; without
/// it, a <c>redis-server</c> on PATH is started on a free loopback port for the run and stopped when the run ends, so
/// <c>dotnet test</c> alone works. With neither, a test that asks for Redis is ignored.
/// </summary>
internal static class TestRedis
{
    /// <summary>The environment variable naming the server.</summary>
    public const string Variable = "RESPONSEBOT_TEST_REDIS";

    private static readonly Lazy<string?> Endpoint = new(FindOrStartServer);
    private static readonly Lazy<ConnectionMultiplexer> Multiplexer = new(() => ConnectionMultiplexer.Connect(ConnectionString));
    private static Process? _ownServer;

    /// <summary>A StackExchange.Redis connection string for the server; ignores the test when there is none.</summary>
    public static string ConnectionString =>
        Endpoint.Value ?? IgnoreTest(
            $"No Redis for this test: set {Variable}=host:port or put redis-server on PATH (scripts/test.sh does both).");

    /// <summary>The multiplexer shared by the whole run; ignores the test when there is no server.</summary>
    public static IConnectionMultiplexer Connect() => Multiplexer.Value;

    /// <summary>
    /// A key prefix no other test uses, <c>rbtest:{16 hex digits}:</c>; short enough for
    /// <c>StorageOptions.RedisKeyPrefix</c>'s 32-character limit.
    /// </summary>
    public static string NewPrefix() => $"rbtest:{Guid.NewGuid().ToString("N")[..16]}:";

    private static string IgnoreTest(string message)
    {
        Assert.Ignore(message);
        return string.Empty; // not reached: Assert.Ignore throws
    }

    private static string? FindOrStartServer()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var executable = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
        return executable is null ? null : StartServer(executable);
    }

    private static string StartServer(string executable)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Drain its output so a full pipe never blocks it.
        server.OutputDataReceived += static (_, _) => { };
        server.ErrorDataReceived += static (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _ownServer = server;
        AppDomain.CurrentDomain.ProcessExit += static (_, _) => StopOwnServer();

        var endpoint = $"127.0.0.1:{port}";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {port} exited with code {server.ExitCode}.");
            }

            if (Answers(port))
            {
                return endpoint;
            }

            Thread.Sleep(50);
        }

        StopOwnServer();
        throw new InvalidOperationException($"redis-server on port {port} did not start accepting connections.");
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void StopOwnServer()
    {
        if (Multiplexer.IsValueCreated)
        {
            Multiplexer.Value.Dispose();
        }

        if (_ownServer is { HasExited: false } server)
        {
            server.Kill();
            server.WaitForExit(5000);
        }
    }
}
