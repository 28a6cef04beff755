using System.CommandLine;
using System.Globalization;
using ResponseBot.Cli.Output;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Retrieval.Training;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary><c>train reranker</c>: train the second-stage model offline, with a fixed seed, from the shipped recipe.</summary>
internal static class TrainCommands
{
    public static Command Create() => new("train", "Train the models the engine ships with.")
    {
        Reranker(),
    };

    private static Command Reranker()
    {
        var output = new Option<FileInfo>("--out")
        {
            Description = $"Where to save the model (the engine loads {RetrievalEngine.RerankerPath} beside the program; commit Knowledge/models/reranker.zip to ship it)",
            HelpName = "PATH",
            Required = true,
        };
        var kb = new Option<FileInfo?>("--kb")
        {
            Description = "The knowledge base to train against, one entry JSON a line (default: the demo base data/kb/demo.jsonl)",
            HelpName = "FILE",
        };
        var queries = new Option<FileInfo?>("--queries")
        {
            Description = "Labelled queries {\"query\",\"expected\"} (default: data/train/demo-queries.jsonl)",
            HelpName = "FILE",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The public data folder for the government-message sets (default: shared/data found above the current or the program's folder; without it they are left out)",
            HelpName = "DIR",
        };
        var command = new Command(
            "reranker",
            "Train the re-ranker on the recipe's sets (the base's alternates, labelled queries, public government " +
            "messages), hold out one query in five, save the model and report AUC and top-1 against the first stage.")
        {
            output,
            kb,
            queries,
            data,
        };
        command.SetAction((parse, _) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var kbPath = Existing(parse.GetValue(kb)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "data", "kb", "demo.jsonl"));
            var queriesPath = Existing(
                parse.GetValue(queries)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "data", "train", "demo-queries.jsonl"));
            var shared = parse.GetValue(data)?.FullName
                ?? PublicCorpus.FindDataDirectory(Environment.CurrentDirectory, AppContext.BaseDirectory);
            stderr.WriteLine(shared is null
                ? "public data not found: training without the government-message sets"
                : $"public data: {shared}");

            var engine = RetrievalEngine.Load(AppContext.BaseDirectory, CliSettings.Load().Knowledge, requireReranker: false);
            var entries = RerankerRecipe.ReadEntries(kbPath);
            var labelled = EvalSet.ReadQueries(queriesPath, entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
            var sets = RerankerRecipe.Build(
                entries, labelled, shared, engine.Analyzer, Path.Combine(AppContext.BaseDirectory, "data", "train"));
            if (sets.Count == 0 || sets[0].Set.Entries.Count == 0)
            {
                throw CliException.BadInput($"{kbPath} has no entry with the status published to train against");
            }

            var modelPath = parse.GetRequiredValue(output).FullName;
            var report = new RerankerTrainer(engine).Train(sets, modelPath, new LineProgress(stderr));

            var table = new TextTable("set", "queries", "rows") { RightAligned = [1, 2] };
            foreach (var (set, count, rows) in report.Sets)
            {
                table.Add(set, count.ToString(CultureInfo.InvariantCulture), rows.ToString(CultureInfo.InvariantCulture));
            }

            table.WriteTo(stdout);
            stdout.WriteLine(
                $"trained on {report.TrainRows} rows ({report.TrainQueries} queries), held out {report.TestRows} rows " +
                $"({report.TestQueries} queries)");
            stdout.WriteLine(
                $"held-out AUC {Number(report.Auc)}, top-1 {Percent(report.Top1)} (first stage alone {Percent(report.FirstStageTop1)})");
            var card = RerankerModelCard.PathFor(modelPath);
            File.WriteAllText(card, RerankerModelCard.Render(report, TimeProvider.System.GetUtcNow()));
            stdout.WriteLine($"saved {modelPath} and its model card {card}");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw CliException.BadInput($"{path}: no such file");

    private sealed class LineProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
