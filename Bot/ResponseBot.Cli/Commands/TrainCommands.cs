using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ResponseBot.Cli.Output;
using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Classification.Training;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Retrieval.Training;
using ResponseBot.Knowledge.Text;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>train</c>: the three insight models (sentiment, hot topic, department) with model cards; <c>train reranker</c>:
/// the search engine's second-stage model. Offline, with fixed seeds, from the shipped recipes.
/// </summary>
internal static class TrainCommands
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Where to write sentiment.zip, topic.zip, department.zip and their cards (default: Bot/models of the " +
                "checkout the command runs in; required outside one)",
            HelpName = "DIR",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The public data folder (default: shared/data found above the current or the program's folder; " +
                "without it the models are trained on the project's own data alone)",
            HelpName = "DIR",
        };
        var command = new Command(
            "train",
            "Train the three insight models (sentiment, hot topic, department) on the domain inquiries, the knowledge " +
            "bases and the public sets, score them on the dev inquiries, and write versioned models with model cards; " +
            "`train reranker` trains the search re-ranker.")
        {
            output,
            data,
            Reranker(),
        };
        command.SetAction((parse, _) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var repository = RepositoryRoot(Environment.CurrentDirectory, AppContext.BaseDirectory);
            var outDirectory = parse.GetValue(output)?.FullName
                ?? (repository is null
                    ? throw CliException.BadInput("not inside a ResponseBot checkout: say where to write the models with --out DIR")
                    : Path.Combine(repository, "Bot", "models"));
            var shared = parse.GetValue(data)?.FullName
                ?? PublicCorpus.FindDataDirectory(Environment.CurrentDirectory, AppContext.BaseDirectory);
            if (shared is not null && !File.Exists(Path.Combine(shared, SentimentCorpus.VirusTrain)))
            {
                throw CliException.BadInput($"{shared} has no {SentimentCorpus.VirusTrain}: give the public data folder with --data DIR");
            }

            var notes = new List<string>();
            if (shared is null)
            {
                const string Alone = "public data not found: trained on the project's own data alone (domain inquiries and knowledge bases)";
                stderr.WriteLine(Alone);
                notes.Add(Alone);
            }
            else
            {
                stderr.WriteLine($"public data: {shared}");
            }

            var clock = Stopwatch.StartNew();
            var taxonomy = Taxonomy.LoadDefault();
            var inquiries = InquiriesDirectory(repository);
            var domain = ReadInquiries(inquiries, "train-*.jsonl", taxonomy);
            var dev = ReadInquiries(inquiries, "dev-*.jsonl", taxonomy);
            if (domain.Count == 0)
            {
                throw CliException.BadInput($"{inquiries} has no train-*.jsonl with labelled inquiries to train on");
            }

            stderr.WriteLine($"domain inquiries: {domain.Count} to train on, {dev.Count} held out (dev) in {inquiries}");
            var sources = new TrainingSources(domain, KnowledgeBases(Path.Combine(AppContext.BaseDirectory, "data")), shared);
            var training = new InsightTraining(new InquiryFeatures(ChineseAnalyzer.Load(AppContext.BaseDirectory)), new LineProgress(stderr));
            var trainedAt = TimeProvider.System.GetUtcNow();
            var reports = training.TrainAll(sources, dev, taxonomy, outDirectory, trainedAt);
            var total = clock.Elapsed.TotalSeconds;

            var table = new TextTable("model", "set", "n", "accuracy", "macro-F1", "extra") { RightAligned = [2, 3, 4] };
            foreach (var (report, path) in reports)
            {
                foreach (var score in report.Scores)
                {
                    table.Add(
                        report.Spec.Name, score.Set, score.Count.ToString(CultureInfo.InvariantCulture), Percent(score.Accuracy),
                        Number(score.MacroF1), score.Top3 is { } top3 ? $"top-3 {Percent(top3)}" : score.NegativeF1 is { } neg ? $"neg-vs-rest {Number(neg)}" : "");
                }

                if (report.CrossValidation is { } cv)
                {
                    table.Add(
                        report.Spec.Name, $"{cv.Folds}-fold CV (domain)", "", $"{Percent(cv.AccuracyMean)} ± {Percent(cv.AccuracySd)}",
                        $"{Number(cv.MacroF1Mean)} ± {Number(cv.MacroF1Sd)}", "");
                }

                File.WriteAllText(InsightModelCard.PathFor(path), InsightModelCard.Render(report, trainedAt, total, notes));
            }

            table.WriteTo(stdout);
            stdout.WriteLine($"trained 3 models in {total:F0} s; saved to {outDirectory} with their model cards");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    /// <summary>The checkout this command runs in: the first folder above a start folder that holds ResponseBot.sln.</summary>
    internal static string? RepositoryRoot(params IEnumerable<string> startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ResponseBot.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The labelled inquiries: the checkout's Bot/data/inquiries inside one, else those shipped beside the program.</summary>
    internal static string InquiriesDirectory(string? repository) =>
        repository is not null
            ? Path.Combine(repository, "Bot", "data", "inquiries")
            : Path.Combine(AppContext.BaseDirectory, "data", "inquiries");

    /// <summary>Every labelled inquiry of the files matching <paramref name="pattern"/>, in file-name order.</summary>
    internal static List<LabelledInquiry> ReadInquiries(string directory, string pattern, Taxonomy taxonomy)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var topics = taxonomy.HotTopics.Keys.ToList();
        var departments = taxonomy.Departments.Keys.ToList();
        return Directory.EnumerateFiles(directory, pattern)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => LabelledInquiries.Read(file, departments, topics))
            .ToList();
    }

    /// <summary>The knowledge bases shipped under <c>data/</c> with their labelled queries, those that are there.</summary>
    private static List<(string, IReadOnlyList<KnowledgeEntry>, IReadOnlyList<EvalQuery>)> KnowledgeBases(string data)
    {
        (string Name, string Kb, string[] Queries)[] bases =
        [
            ("demo", "kb/demo.jsonl", ["train/demo-queries.jsonl", "train/demo-queries-2.jsonl"]),
            ("kb-b", "eval/kb-b.jsonl", ["eval/kb-b-queries.jsonl"]),
            ("kb-c", "eval/kb-c.jsonl", ["eval/kb-c-queries.jsonl"]),
        ];
        var result = new List<(string, IReadOnlyList<KnowledgeEntry>, IReadOnlyList<EvalQuery>)>();
        foreach (var (name, kb, queryFiles) in bases)
        {
            var path = Path.Combine(data, kb);
            if (!File.Exists(path))
            {
                continue;
            }

            var entries = RerankerRecipe.ReadEntries(path);
            var ids = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var queries = queryFiles
                .Select(q => Path.Combine(data, q))
                .Where(File.Exists)
                .SelectMany(q => EvalSet.ReadQueries(q, ids))
                .ToList();
            result.Add((name, entries, queries));
        }

        return result;
    }

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

    /// <summary>Progress as one line on stderr a stage.</summary>
    internal sealed class LineProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
