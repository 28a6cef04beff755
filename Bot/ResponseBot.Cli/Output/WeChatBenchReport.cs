using System.Text;
using System.Text.Json;
using ResponseBot.Cli.Bench;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Output;

/// <summary>How a WeChat load run was set up, for the report's heading and JSON.</summary>
internal sealed record WeChatBenchSetup(int Senders, TimeSpan WarmUp, TimeSpan Duration, int Users, string Service);

/// <summary>Prints <c>bench wechat</c>: a table per mode, the protocol's cost against /api/ask, and the targets.</summary>
internal static class WeChatBenchReport
{
    /// <summary>The targets of the WeChat channel, held to in safe mode.</summary>
    public const double TargetMessagesPerSecond = 2000;
    public const double TargetP99Ms = 50;

    public static void WriteText(TextWriter writer, WeChatBenchSetup setup, IReadOnlyList<ModeResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(
            $"WeChat load benchmark: {setup.Senders} concurrent senders, {setup.Users} users, {Seconds(setup.Duration)} s " +
            $"per mode after a {Seconds(setup.WarmUp)} s warm-up, {Environment.ProcessorCount} cores; service {setup.Service}");
        var table = new TextTable(
            "mode", "messages", "msgs/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "over 4.5 s", "service CPU/msg", "bench CPU")
        { RightAligned = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
        foreach (var r in results)
        {
            table.Add(
                r.Mode.Name(), r.Messages.ToString("N0", Invariant), Number(r.MessagesPerSecond, "N0"),
                Ms(r.Percentile(50)), Ms(r.Percentile(90)), Ms(r.Percentile(99)), Ms(r.MaxMs),
                r.ErrorCount.ToString(Invariant), r.OverDeadline.ToString(Invariant),
                r.ServiceCpuMsPerMessage is { } cpu ? Number(cpu, "0.000") + " ms" : "-", Percent(r.ClientCpuShare));
        }

        table.WriteTo(writer);
        writer.WriteLine(
            "msgs/s: replies that passed WeChat's checks, per second. Latency: from sending to the whole reply read. " +
            "Service CPU: the service's CPU time per message. Bench CPU: the share of the machine the bench itself used.");
        foreach (var r in results.Where(r => r.ErrorCount > 0))
        {
            foreach (var (problem, count) in r.Errors.OrderByDescending(e => e.Value))
            {
                writer.WriteLine($"  {r.Mode.Name()} errors: {count} × {problem}");
            }
        }

        WriteRatios(writer, results);
        WriteTargets(writer, results);
    }

    /// <summary>One line, one object: the setup, each mode, the ratios to /api/ask and the targets (null without safe mode).</summary>
    public static string ToJsonLine(WeChatBenchSetup setup, IReadOnlyList<ModeResult> results)
    {
        ArgumentNullException.ThrowIfNull(setup);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("senders", setup.Senders);
            json.WriteNumber("users", setup.Users);
            json.WriteNumber("warmupSeconds", setup.WarmUp.TotalSeconds);
            json.WriteNumber("durationSeconds", setup.Duration.TotalSeconds);
            json.WriteNumber("processors", Environment.ProcessorCount);
            json.WriteStartObject("modes");
            foreach (var r in results)
            {
                WriteMode(json, r);
            }

            json.WriteEndObject();
            json.WriteStartObject("ratios");
            foreach (var (name, ratio) in Ratios(results))
            {
                json.WriteStartObject(name);
                json.WriteNumber("messagesPerSecond", Math.Round(ratio.Throughput, 3));
                json.WriteNumber("p99", Math.Round(ratio.P99, 3));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            if (Safe(results) is { } safe)
            {
                json.WriteStartObject("targets");
                WriteTarget(json, "messagesPerSecond", TargetMessagesPerSecond, Math.Round(safe.MessagesPerSecond, 1), safe.MessagesPerSecond >= TargetMessagesPerSecond);
                WriteTarget(json, "p99Ms", TargetP99Ms, Math.Round(safe.Percentile(99), 2), safe.Percentile(99) <= TargetP99Ms);
                WriteTarget(json, "overDeadline", 0, safe.OverDeadline, safe.OverDeadline == 0);
                WriteTarget(json, "errors", 0, safe.ErrorCount, safe.ErrorCount == 0);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("targets");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRatios(TextWriter writer, IReadOnlyList<ModeResult> results)
    {
        var ratios = Ratios(results);
        if (ratios.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("The WeChat protocol's cost, against POST /api/ask on the same machine:");
        var table = new TextTable("", "msgs/s", "p99") { RightAligned = [1, 2] };
        foreach (var (name, ratio) in ratios)
        {
            table.Add(name.Replace("ToAsk", "/ask", StringComparison.Ordinal), Number(ratio.Throughput, "0.00"), Number(ratio.P99, "0.00"));
        }

        table.WriteTo(writer);
    }

    private static void WriteTargets(TextWriter writer, IReadOnlyList<ModeResult> results)
    {
        if (Safe(results) is not { } safe)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"Targets, in safe mode on {Environment.ProcessorCount} cores:");
        var table = new TextTable("", "measured", "target", "") { RightAligned = [1, 2] };
        table.Add("throughput", Number(safe.MessagesPerSecond, "N0") + " msgs/s", "≥ " + Number(TargetMessagesPerSecond, "N0") + " msgs/s",
            Verdict(safe.MessagesPerSecond >= TargetMessagesPerSecond));
        table.Add("p99", Ms(safe.Percentile(99)) + " ms", "≤ " + Number(TargetP99Ms, "0") + " ms", Verdict(safe.Percentile(99) <= TargetP99Ms));
        table.Add("replies over 4.5 s", safe.OverDeadline.ToString(Invariant), "0", Verdict(safe.OverDeadline == 0));
        table.Add("errors", safe.ErrorCount.ToString(Invariant), "0", Verdict(safe.ErrorCount == 0));
        table.WriteTo(writer);
    }

    private static void WriteMode(Utf8JsonWriter json, ModeResult r)
    {
        json.WriteStartObject(r.Mode.Name());
        json.WriteNumber("messages", r.Messages);
        json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
        json.WriteNumber("messagesPerSecond", Math.Round(r.MessagesPerSecond, 1));
        json.WriteNumber("p50Ms", Math.Round(r.Percentile(50), 2));
        json.WriteNumber("p90Ms", Math.Round(r.Percentile(90), 2));
        json.WriteNumber("p99Ms", Math.Round(r.Percentile(99), 2));
        json.WriteNumber("maxMs", Math.Round(r.MaxMs, 2));
        json.WriteNumber("errors", r.ErrorCount);
        json.WriteNumber("overDeadline", r.OverDeadline);
        if (r.ServiceCpuMsPerMessage is { } cpu)
        {
            json.WriteNumber("serviceCpuMsPerMessage", Math.Round(cpu, 4));
        }
        else
        {
            json.WriteNull("serviceCpuMsPerMessage");
        }

        json.WriteNumber("benchCpuShare", Math.Round(r.ClientCpuShare, 3));
        json.WriteStartObject("errorReasons");
        foreach (var (problem, count) in r.Errors)
        {
            json.WriteNumber(problem, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter json, string name, double target, double measured, bool met)
    {
        json.WriteStartObject(name);
        json.WriteNumber("target", target);
        json.WriteNumber("measured", measured);
        json.WriteBoolean("met", met);
        json.WriteEndObject();
    }

    // Each WeChat mode against /api/ask: throughput as a share of ask's, p99 as a multiple of ask's.
    private static List<(string Name, (double Throughput, double P99) Ratio)> Ratios(IReadOnlyList<ModeResult> results)
    {
        var ask = results.FirstOrDefault(r => r.Mode == BenchMode.Ask);
        if (ask is null || ask.MessagesPerSecond <= 0 || ask.Percentile(99) <= 0)
        {
            return [];
        }

        return [.. results
            .Where(r => r.Mode != BenchMode.Ask)
            .Select(r => (r.Mode.Name() + "ToAsk", (r.MessagesPerSecond / ask.MessagesPerSecond, r.Percentile(99) / ask.Percentile(99))))];
    }

    private static ModeResult? Safe(IReadOnlyList<ModeResult> results) => results.FirstOrDefault(r => r.Mode == BenchMode.Safe);

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string Ms(double ms) => Number(ms, "0.0");

    private static string Seconds(TimeSpan span) => Number(span.TotalSeconds, "0.##");

    private static IFormatProvider Invariant => System.Globalization.CultureInfo.InvariantCulture;
}
