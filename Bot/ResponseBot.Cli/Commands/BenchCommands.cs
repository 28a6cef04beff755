using System.CommandLine;
using System.Diagnostics;
using ResponseBot.Cli.Output;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Transfer;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>bench search</c>: index build time, search latency and memory at a realistic size; <c>bench wechat</c>
/// (<see cref="WeChatBench"/>): the running service's WeChat throughput and latency under load.
/// </summary>
internal static class BenchCommands
{
    /// <summary>Targets the service is held to; printed beside the measurements.</summary>
    public const double TargetP99Ms = 2;
    public const double TargetBuildSeconds = 5;
    public const double TargetRssMb = 400;

    private const int WarmUpQueries = 200;

    public static Command Create() => new(
        "bench", "Measure search performance, and the service's WeChat channel under load over HTTP.")
    {
        Search(),
        WeChatBench.Create(),
        Bench.InsightsBench.Create(),
    };

    private static Command Search()
    {
        var entries = new Option<int>("--entries")
        {
            Description = "Entries in the benchmark knowledge base",
            HelpName = "N",
            DefaultValueFactory = _ => PublicCorpus.DefaultEntries,
        };
        var queries = new Option<int>("--queries")
        {
            Description = "Queries to time",
            HelpName = "N",
            DefaultValueFactory = _ => PublicCorpus.DefaultQueries,
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The public data folder (default: shared/data found above the current or the program's folder)",
            HelpName = "DIR",
        };
        var export = new Option<FileInfo?>("--export")
        {
            Description = "Write the benchmark knowledge base (published entries) to this file (.jsonl, .csv or .xlsx) and stop, " +
                "e.g. to import it and measure the running service",
            HelpName = "FILE",
        };
        entries.Validators.Add(r => Positive(r, entries));
        queries.Validators.Add(r => Positive(r, queries));
        var command = new Command(
            "search",
            "Build a knowledge base from public Chinese questions (LCQMC, 泰迪杯 messages), then report index build " +
            $"time, search p50/p99/max on one thread and resident memory, against the targets (p99 ≤ {TargetP99Ms} ms, " +
            $"build ≤ {TargetBuildSeconds} s, RSS ≤ {TargetRssMb} MB).")
        {
            entries,
            queries,
            data,
            export,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetValue(entries), parse.GetValue(queries), parse.GetValue(data)?.FullName, parse.GetValue(export)?.FullName,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    private static int Run(
        int entryCount, int queryCount, string? dataDirectory, string? exportPath, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var directory = LocateData(dataDirectory);
        var exportFormat = exportPath is null ? (EntryFormat?)null : ExportFormat(exportPath);
        var progress = new StageProgress(stderr);
        stderr.WriteLine($"reading public data from {directory}");
        var corpus = PublicCorpus.Load(directory, entryCount, queryCount);
        if (exportPath is not null)
        {
            var published = corpus.Entries.Select(e => e with { Status = EntryStatus.Published }).ToList();
            using (var file = File.Create(exportPath))
            {
                EntryFiles.Write(file, published, exportFormat!.Value);
            }

            stdout.WriteLine($"wrote {published.Count} entries to {exportPath}");
            return CliApp.Ok;
        }

        var engine = RetrievalEngine.Load(AppContext.BaseDirectory, CliSettings.Load().Knowledge);

        var build = Stopwatch.StartNew();
        var index = engine.Build(corpus.Entries, 1, progress.Stage("indexing", corpus.Entries.Count));
        build.Stop();

        var warmUp = Math.Min(WarmUpQueries, corpus.Queries.Count);
        for (var i = 0; i < warmUp; i++)
        {
            index.Search(corpus.Queries[i]);
        }

        var latencies = new double[corpus.Queries.Count];
        var searching = progress.Stage("searching", latencies.Length);
        for (var i = 0; i < latencies.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            index.Search(corpus.Queries[i]);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if ((i + 1) % 200 == 0 || i + 1 == latencies.Length)
            {
                searching.Report(i + 1);
            }
        }

        // Resident memory with the index live: collect everything collectable first so only what is held is counted.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var rssMb = process.WorkingSet64 / (1024.0 * 1024.0);
        GC.KeepAlive(index);

        var p50 = RetrievalMetrics.Percentile(latencies, 50);
        var p99 = RetrievalMetrics.Percentile(latencies, 99);
        var max = latencies.Max();
        stdout.WriteLine(
            $"Search benchmark: {index.Count} entries, {latencies.Length} queries on one thread after {warmUp} warm-up searches");
        var table = new TextTable("", "measured", "target", "") { RightAligned = [1, 2] };
        table.Add("index build", Number(build.Elapsed.TotalSeconds, "0.00") + " s", $"≤ {TargetBuildSeconds} s",
            Verdict(build.Elapsed.TotalSeconds <= TargetBuildSeconds));
        table.Add("search p50", Number(p50) + " ms", "", "");
        table.Add("search p99", Number(p99) + " ms", $"≤ {TargetP99Ms} ms", Verdict(p99 <= TargetP99Ms));
        table.Add("search max", Number(max) + " ms", "", "");
        table.Add("resident memory", Number(rssMb, "0") + " MB", $"≤ {TargetRssMb} MB", Verdict(rssMb <= TargetRssMb));
        table.WriteTo(stdout);
        return CliApp.Ok;
    }

    private static string LocateData(string? given)
    {
        if (given is not null)
        {
            return PublicCorpus.HasFiles(given)
                ? given
                : throw CliException.BadInput(
                    $"{given} lacks {PublicCorpus.LcqmcFile} or {PublicCorpus.MessagesFile}; pass the shared/data folder");
        }

        return PublicCorpus.FindDataDirectory(Environment.CurrentDirectory, AppContext.BaseDirectory)
            ?? throw CliException.BadInput(
                "the public data folder (shared/data beside the checkout) was not found; pass --data DIR");
    }

    private static EntryFormat ExportFormat(string path)
    {
        try
        {
            return EntryFiles.FormatOf(path);
        }
        catch (ArgumentException ex)
        {
            throw CliException.BadInput(ex.Message);
        }
    }

    private static string Verdict(bool met) => met ? "ok" : "OVER";

    /// <summary>A validator's check that an option's number is above zero, naming the option when it is not.</summary>
    internal static void Positive(System.CommandLine.Parsing.OptionResult result, Option<int> option)
    {
        if (result.GetValueOrDefault<int>() <= 0)
        {
            result.AddError($"{option.Name} must be a positive number");
        }
    }
}
