using System.CommandLine;
using ResponseBot.Cli.Output;
using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Evaluation;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Retrieval.Training;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>eval classify</c>: the shipped insight models on a labelled file — sentiment, hot topic, department — routed as
/// the product routes, in the terminal, as one JSON line, and as an HTML report.
/// </summary>
internal static class EvalClassifyCommand
{
    /// <summary>How many hits a search asks for; only the best one decides whether the base answered.</summary>
    private const int SearchHits = 5;

    /// <summary>The demo base, relative to the program, for a configuration that seeds nothing.</summary>
    private const string DemoBase = "data/kb/demo.jsonl";

    /// <summary>
    /// Loads the classifier the command measures, given the knowledge engine's analyzer. The shipped models by
    /// default; a test puts a scripted classifier here to check the command's arithmetic and output.
    /// </summary>
    internal static Func<ChineseAnalyzer, IInquiryClassifier> LoadClassifier { get; set; } = LoadShippedModels;

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data")
        {
            Description = "Labelled inquiries, JSON Lines: {\"text\",\"department\",\"topic\":<code>|null,\"sentiment\"}; any label may be absent, topic null means none",
            HelpName = "FILE.jsonl",
            Required = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the headline numbers as one JSON object on the last line of stdout",
        };
        var report = new Option<FileInfo?>("--report")
        {
            Description = "Write a self-contained HTML report: the metrics, per-class tables, confusion matrices (SVG) and the misclassified inquiries",
            HelpName = "report.html",
        };
        var kb = new Option<FileInfo?>("--kb")
        {
            Description = "The knowledge base routing consults, one entry JSON a line (default: the demo base a new service publishes, Knowledge:SeedFile)",
            HelpName = "KB.jsonl",
        };
        var command = new Command(
            "classify",
            "Measure the sentiment, hot-topic and department models on labelled inquiries, routed as the bot routes them " +
            "(a confident knowledge-base answer counts its entry's department): accuracy, macro-F1, top-3 departments, " +
            "negative-vs-rest F1, per-class precision/recall and confusion matrices.")
        {
            data,
            json,
            report,
            kb,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var dataPath = parse.GetRequiredValue(data).FullName;
            var reportPath = parse.GetValue(report)?.FullName;
            if (reportPath is not null && !Directory.Exists(Path.GetDirectoryName(reportPath)))
            {
                throw CliException.BadInput($"{reportPath}: the folder does not exist");
            }

            var taxonomy = Taxonomy.LoadDefault();
            var inquiries = ReadInquiries(dataPath, taxonomy);
            var settings = CliSettings.Load();
            var kbPath = parse.GetValue(kb)?.FullName
                ?? Path.Combine(AppContext.BaseDirectory, settings.Knowledge.SeedFile is { Length: > 0 } seed ? seed : DemoBase);
            var entries = ReadPublished(kbPath);

            var progress = new StageProgress(stderr);
            var engine = RetrievalEngine.Load(AppContext.BaseDirectory, settings.Knowledge);
            var index = engine.Build(entries, snapshotVersion: 1, progress.Stage("knowledge base: indexing", entries.Count));
            var classifier = LoadClassifier(engine.Analyzer);
            using (classifier as IDisposable)
            {
                var evaluation = InquiryEvaluator.Evaluate(
                    inquiries,
                    classifier,
                    text => InquiryEvaluator.HintFrom(index.Search(text, SearchHits)),
                    taxonomy.Departments.Keys,
                    taxonomy.HotTopics.Keys,
                    progress.Stage("classifying", inquiries.Count),
                    cancellationToken);
                var result = new ClassifyReport(evaluation, dataPath, kbPath, entries.Count, taxonomy);
                ClassifyReportWriter.WriteText(stdout, result);
                if (reportPath is not null)
                {
                    ClassifyReportHtml.Write(reportPath, result, TimeProvider.System.GetUtcNow());
                    stdout.WriteLine();
                    stdout.WriteLine($"report: {reportPath}");
                }

                if (parse.GetValue(json))
                {
                    stdout.WriteLine(ClassifyReportWriter.ToJsonLine(result));
                }
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static IReadOnlyList<LabelledInquiry> ReadInquiries(string path, Taxonomy taxonomy)
    {
        if (!File.Exists(path))
        {
            throw CliException.BadInput($"{path}: no such file");
        }

        IReadOnlyList<LabelledInquiry> inquiries;
        try
        {
            inquiries = LabelledInquiries.Read(path, taxonomy.Departments.Keys.ToList(), taxonomy.HotTopics.Keys.ToList());
        }
        catch (InvalidDataException ex)
        {
            // The message already reads "path:line: what is wrong".
            throw CliException.BadInput(ex.Message);
        }

        if (inquiries.Count == 0)
        {
            throw CliException.BadInput($"{path}: no inquiries; expected one JSON object a line");
        }

        if (!inquiries.Any(i => i.Sentiment is not null || i.Topic is not null || i.Department is not null))
        {
            throw CliException.BadInput($"{path}: no line has a \"department\", \"topic\" or \"sentiment\" label to score");
        }

        return inquiries;
    }

    private static List<KnowledgeEntry> ReadPublished(string path)
    {
        if (!File.Exists(path))
        {
            throw CliException.BadInput($"{path}: no such file");
        }

        try
        {
            // The live base holds published entries only; drafts in the file are not answered from.
            return RerankerRecipe.ReadEntries(path).Where(e => e.Status == EntryStatus.Published).ToList();
        }
        catch (InvalidDataException ex)
        {
            throw CliException.BadInput(ex.Message);
        }
    }

    private static IInquiryClassifier LoadShippedModels(ChineseAnalyzer analyzer)
    {
        try
        {
            return InquiryClassifier.Load(InquiryClassifier.DefaultModelsDirectory, analyzer);
        }
        catch (InsightModelException ex)
        {
            // Not the user's file but the installation: a failure, with the model's own advice on how to fix it.
            throw new CliException(ex.Message, ex);
        }
    }
}
