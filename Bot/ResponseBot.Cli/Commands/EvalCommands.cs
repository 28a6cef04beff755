using System.CommandLine;
using ResponseBot.Cli.Output;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>eval retrieval</c> and <c>eval lcqmc</c>: measure retrieval on a labelled query set; <c>eval classify</c>: the
/// insight models on labelled inquiries.
/// </summary>
internal static class EvalCommands
{
    public static Command Create() => new("eval", "Measure retrieval and classification quality against labelled sets.")
    {
        Retrieval(),
        Lcqmc(),
        EvalClassifyCommand.Create(),
        SentimentBaselineCommand.Create(),
    };

    private static Command Retrieval()
    {
        var kb = new Option<FileInfo>("--kb")
        {
            Description = "Knowledge base, JSON Lines: {\"id\",\"question\",\"alternates\":[…],\"answer\",\"department\",\"topics\":[…]}",
            HelpName = "KB.jsonl",
            Required = true,
        };
        var queries = new Option<FileInfo>("--queries")
        {
            Description = "Queries, JSON Lines: {\"query\":\"…\",\"expected\":\"<id>\"|null}; null means no entry answers it",
            HelpName = "Q.jsonl",
            Required = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the headline numbers as one JSON object on the last line of stdout",
        };
        var command = new Command(
            "retrieval",
            "Index a knowledge base afresh and compare our engine with a Lucene.Net BM25 baseline: top-1, top-3, MRR, " +
            "fallback and wrong-answer rates, latency, and the answer/clarify thresholds the data supports.")
        {
            kb,
            queries,
            json,
        };
        command.SetAction((parse, _) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var progress = new StageProgress(parse.InvocationConfiguration.Error);
            var entries = EvalSet.ReadKnowledgeBase(parse.GetRequiredValue(kb).FullName);
            var set = EvalSet.ReadQueries(
                parse.GetRequiredValue(queries).FullName, entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
            if (entries.Count == 0 || set.Count == 0)
            {
                throw CliException.BadInput("the knowledge base and the query set must each have at least one line");
            }

            var engine = RetrievalEngine.Load(AppContext.BaseDirectory, CliSettings.Load().Knowledge);
            var report = RetrievalEvaluator.Compare(engine, entries, set, progress);
            RetrievalReportWriter.WriteText(stdout, report);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(RetrievalReportWriter.ToJsonLine(report));
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static Command Lcqmc()
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "LCQMC pairs, CSV sentence1,sentence2,label (e.g. ../shared/data/paraphrase/LCQMC_dev.csv)",
            HelpName = "PATH",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write kb.jsonl and queries.jsonl into (created if missing)",
            HelpName = "DIR",
            Required = true,
        };
        var command = new Command(
            "lcqmc",
            "Build an evaluation set from LCQMC question pairs: the distinct first sentences become the knowledge " +
            "base, the second sentence of each paraphrase pair a query expecting it.")
        {
            input,
            output,
        };
        command.SetAction((parse, _) =>
        {
            var result = LcqmcConverter.Convert(parse.GetRequiredValue(input).FullName, parse.GetRequiredValue(output).FullName);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {result.Entries} entries to {result.KnowledgeBasePath} and {result.Queries} queries to {result.QueriesPath}");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }
}
