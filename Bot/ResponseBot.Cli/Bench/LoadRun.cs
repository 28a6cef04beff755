using System.Collections.Concurrent;
using System.Diagnostics;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Cli.Bench;

/// <summary>What one mode measured.</summary>
/// <param name="Mode">What was sent.</param>
/// <param name="Messages">Messages sent and answered (well or not) in the measured window.</param>
/// <param name="Seconds">The measured window: from the end of the warm-up to the last of those replies.</param>
/// <param name="LatenciesMs">Each message's time from sending to the whole reply read.</param>
/// <param name="Errors">Replies WeChat would not accept, and messages with no reply, by what was wrong.</param>
/// <param name="ServiceCpu">CPU time the service used in the window; null when the service is not our child process.</param>
/// <param name="ClientCpu">CPU time this process used in the window, to see what the bench itself took of the machine.</param>
internal sealed record ModeResult(
    BenchMode Mode,
    int Messages,
    double Seconds,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<string, int> Errors,
    TimeSpan? ServiceCpu,
    TimeSpan ClientCpu)
{
    /// <summary>WeChat waits 5 s for a passive reply; the bench holds the service to 4.5 s to leave room for the network.</summary>
    public const double ReplyDeadlineMs = 4500;

    public int ErrorCount => Errors.Values.Sum();

    public int OverDeadline => LatenciesMs.Count(ms => ms > ReplyDeadlineMs);

    /// <summary>Replies that passed WeChat's checks, per second: a service that fails fast does not count as fast.</summary>
    public double MessagesPerSecond => Seconds > 0 ? (Messages - ErrorCount) / Seconds : 0;

    public double Percentile(double percent) => RetrievalMetrics.Percentile(LatenciesMs, percent);

    public double MaxMs => LatenciesMs.Count == 0 ? 0 : LatenciesMs.Max();

    /// <summary>The service's CPU milliseconds per message.</summary>
    public double? ServiceCpuMsPerMessage => ServiceCpu is { } cpu && Messages > 0 ? cpu.TotalMilliseconds / Messages : null;

    /// <summary>The share of the machine's cores this process kept busy.</summary>
    public double ClientCpuShare => Seconds > 0 ? ClientCpu.TotalSeconds / (Seconds * Environment.ProcessorCount) : 0;
}

/// <summary>
/// A closed-loop load: <c>senders</c> tasks, each sending its next message as soon as the previous reply is in, for
/// a warm-up (not measured: JIT, connection set-up, caches) and then the measured duration.
/// </summary>
internal static class LoadRun
{
    public static async Task<ModeResult> RunAsync(
        BenchClient client,
        BenchMessages messages,
        BenchMode mode,
        int senders,
        TimeSpan warmUp,
        TimeSpan duration,
        Func<TimeSpan>? serviceCpu,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        async Task<SenderResult> SendAsync()
        {
            // Off the caller's thread at once, so that every sender is running before the first reply is in.
            await Task.Yield();
            var latencies = new List<double>();
            var lastReply = 0L;
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= stopAt)
                {
                    break;
                }

                var message = messages.Next();
                var problem = await client.SendAsync(message, cancellationToken);
                var replied = Stopwatch.GetTimestamp();
                if (sent < measureFrom)
                {
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(sent, replied).TotalMilliseconds);
                lastReply = replied;
                if (problem is not null)
                {
                    errors.AddOrUpdate(problem, 1, (_, count) => count + 1);
                }
            }

            return new SenderResult(latencies, lastReply);
        }

        var running = Enumerable.Range(0, senders).Select(_ => SendAsync()).ToList();

        // CPU is read when the warm-up ends, so that both counts cover the measured window (and a little of the tail).
        var untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
        if (untilMeasured > TimeSpan.Zero)
        {
            await Task.Delay(untilMeasured, cancellationToken);
        }

        var serviceCpuFrom = serviceCpu?.Invoke();
        var clientCpuFrom = Environment.CpuUsage.TotalTime;
        var results = await Task.WhenAll(running);
        var serviceCpuUsed = serviceCpu?.Invoke() - serviceCpuFrom;
        var clientCpuUsed = Environment.CpuUsage.TotalTime - clientCpuFrom;

        var lastReply = results.Max(r => r.LastReply);
        var seconds = lastReply > measureFrom ? Stopwatch.GetElapsedTime(measureFrom, lastReply).TotalSeconds : 0;
        var all = results.SelectMany(r => r.LatenciesMs).ToList();
        return new ModeResult(mode, all.Count, seconds, all, errors, serviceCpuUsed, clientCpuUsed);
    }

    private sealed record SenderResult(List<double> LatenciesMs, long LastReply);
}
