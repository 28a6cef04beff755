using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ResponseBot.Cli.Commands;
using ResponseBot.Cli.Output;
using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Text;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Bench;

/// <summary>
/// <c>bench insights</c>: how long the three insight models take on one inquiry. Every dev inquiry is analysed
/// (after a warm-up pass) on one thread, several rounds; reports p50/p99/max of each call and calls per second
/// against the target (p99 ≤ 1 ms), with the shared text analysis timed apart so a miss says where the time goes.
/// </summary>
internal static class InsightsBench
{
    /// <summary>The target for all three models on one inquiry.</summary>
    public const double TargetP99Ms = 1;

    private const int WarmUpPasses = 3;

    public static Command Create()
    {
        var rounds = new Option<int>("--rounds")
        {
            Description = "Passes over the dev inquiries to time",
            HelpName = "N",
            DefaultValueFactory = _ => 5,
        };
        rounds.Validators.Add(r => BenchCommands.Positive(r, rounds));
        var json = new Option<bool>("--json")
        {
            Description = "Also print the figures as one JSON object on the last line of stdout",
        };
        var command = new Command(
            "insights",
            $"Time the three insight models (sentiment, hot topic, department) on each dev inquiry after warm-up passes: " +
            $"p50/p99/max per call and calls per second on one thread, against the target p99 ≤ {TargetP99Ms} ms.")
        {
            rounds,
            json,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetValue(rounds), parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            cancellationToken)));
        return command;
    }

    private static int Run(int rounds, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var texts = DevInquiries();
        if (texts.Count == 0)
        {
            throw CliException.BadInput("no dev inquiries (data/inquiries/dev-*.jsonl) to time");
        }

        var analyzer = ChineseAnalyzer.Load(AppContext.BaseDirectory);
        var classifier = InquiryClassifier.Load(InquiryClassifier.DefaultModelsDirectory, analyzer);
        var features = new InquiryFeatures(analyzer);
        // Several passes and a pause: the runtime recompiles hot code with full optimisation only after a method has
        // run a while, on a background thread; timing before that measures the JIT, not the models.
        stderr.WriteLine($"warming up: {WarmUpPasses} passes over {texts.Count} dev inquiries");
        for (var pass = 0; pass < WarmUpPasses; pass++)
        {
            foreach (var text in texts)
            {
                classifier.Analyze(text);
                features.Featurize(text);
            }

            Thread.Sleep(200);
        }

        var calls = new double[texts.Count * rounds];
        var analysis = new double[texts.Count * rounds];
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            stderr.WriteLine($"round {round + 1} of {rounds}");
            for (var i = 0; i < texts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                classifier.Analyze(texts[i]);
                calls[(round * texts.Count) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        total.Stop();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                features.Featurize(texts[i]);
                analysis[(round * texts.Count) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        var p99 = RetrievalMetrics.Percentile(calls, 99);
        var perSecond = calls.Length / calls.Sum() * 1000;
        stdout.WriteLine($"Insights benchmark: {calls.Length} Analyze calls ({texts.Count} dev inquiries × {rounds}) on one thread after {WarmUpPasses} warm-up passes");
        var table = new TextTable("", "p50", "p99", "max", "target", "") { RightAligned = [1, 2, 3] };
        table.Add(
            "Analyze (3 models)", Ms(RetrievalMetrics.Percentile(calls, 50)), Ms(p99), Ms(calls.Max()), $"p99 ≤ {TargetP99Ms} ms",
            p99 <= TargetP99Ms ? "ok" : "OVER");
        table.Add(
            "of which text analysis", Ms(RetrievalMetrics.Percentile(analysis, 50)), Ms(RetrievalMetrics.Percentile(analysis, 99)),
            Ms(analysis.Max()), "", "");
        table.WriteTo(stdout);
        stdout.WriteLine($"{Number(perSecond, "0")} calls/s on one thread ({Number(total.Elapsed.TotalSeconds, "0.00")} s in all)");
        if (json)
        {
            stdout.WriteLine(JsonLine(calls, p99, perSecond));
        }

        return CliApp.Ok;
    }

    private static string Ms(double value) => Number(value, "0.000") + " ms";

    private static string JsonLine(double[] calls, double p99, double perSecond)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("calls", calls.Length);
            json.WriteNumber("p50Ms", Math.Round(RetrievalMetrics.Percentile(calls, 50), 4));
            json.WriteNumber("p99Ms", Math.Round(p99, 4));
            json.WriteNumber("maxMs", Math.Round(calls.Max(), 4));
            json.WriteNumber("callsPerSecond", Math.Round(perSecond, 1));
            json.WriteBoolean("targetMet", p99 <= TargetP99Ms);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The texts of the dev inquiries: the checkout's when run inside one, else those shipped beside the program.</summary>
    private static List<string> DevInquiries()
    {
        var directory = TrainCommands.InquiriesDirectory(TrainCommands.RepositoryRoot(Environment.CurrentDirectory, AppContext.BaseDirectory));
        return TrainCommands.ReadInquiries(directory, "dev-*.jsonl", Taxonomy.LoadDefault()).Select(i => i.Text).ToList();
    }
}
