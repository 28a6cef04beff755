using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ResponseBot.Cli.Output;
using ResponseBot.Insights.Classification;
using ResponseBot.Insights.Classification.Training;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Text;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>eval sentiment</c>: the classical baseline against our sentiment recipe, both trained on SMP2020-EWECT
/// <c>virus_train</c> alone, on the two labelled evaluation sets; says which targets (reference + 3 points) are met.
/// </summary>
internal static class SentimentBaselineCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The public data folder (default: shared/data found above the current or the program's folder)",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the figures as one JSON object on the last line of stdout",
        };
        var command = new Command(
            "sentiment",
            "Train the classical sentiment baseline (TF-IDF over jieba words 1–2 and characters 1–3, linear SVM) and our " +
            "recipe on SMP2020-EWECT virus_train only; report 3-class and negative-vs-rest macro-F1 on usual_eval_labeled " +
            "and virus_eval_labeled against the issue's reference figures.")
        {
            data,
            json,
        };
        command.SetAction((parse, _) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var shared = parse.GetValue(data)?.FullName
                ?? PublicCorpus.FindDataDirectory(Environment.CurrentDirectory, AppContext.BaseDirectory)
                ?? throw CliException.BadInput("public data not found: give the folder with SMP2020-EWECT under sentiment/ with --data DIR");
            foreach (var file in new[] { SentimentCorpus.VirusTrain, SentimentCorpus.UsualEval, SentimentCorpus.VirusEval })
            {
                if (!File.Exists(Path.Combine(shared, file)))
                {
                    throw CliException.BadInput($"{Path.Combine(shared, file)}: no such file");
                }
            }

            var features = new InquiryFeatures(ChineseAnalyzer.Load(AppContext.BaseDirectory));
            var rows = SentimentComparison.Run(shared, features, new TrainCommands.LineProgress(stderr));
            var table = new TextTable("set", "metric", "reference", "baseline here", "ours", "ours − ref", "target +0.03")
            {
                RightAligned = [2, 3, 4, 5],
            };
            var met = 0;
            foreach (var row in rows)
            {
                foreach (var (metric, reference, baseline, ours) in new[]
                {
                    ("3-class macro-F1", row.ReferenceMacroF1, row.BaselineMacroF1, row.OursMacroF1),
                    ("neg-vs-rest macro-F1", row.ReferenceNegativeF1, row.BaselineNegativeF1, row.OursNegativeF1),
                })
                {
                    var ok = ours - reference >= SentimentComparison.RequiredMargin;
                    met += ok ? 1 : 0;
                    table.Add(row.Set, metric, Number(reference), Number(baseline), Number(ours), Signed(ours - reference), ok ? "met" : "missed");
                }
            }

            table.WriteTo(stdout);
            stdout.WriteLine($"{met} of {rows.Count * 2} targets met (ours ≥ reference + {SentimentComparison.RequiredMargin:0.00}); all trained on {SentimentCorpus.VirusTrain} only");
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ToJsonLine(rows, met));
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    // Rounded first, and -0 made +0, so a difference under half a thousandth reads "+0.000" rather than "-+0.000".
    private static string Signed(double value) => (Math.Round(value, 3) + 0.0).ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);

    private static string ToJsonLine(IReadOnlyList<SentimentComparisonRow> rows, int met)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var row in rows)
            {
                json.WriteStartObject(row.Set);
                json.WriteNumber("count", row.Count);
                foreach (var (name, value) in new[]
                {
                    ("referenceMacroF1", row.ReferenceMacroF1), ("referenceNegativeF1", row.ReferenceNegativeF1),
                    ("baselineMacroF1", row.BaselineMacroF1), ("baselineNegativeF1", row.BaselineNegativeF1),
                    ("oursMacroF1", row.OursMacroF1), ("oursNegativeF1", row.OursNegativeF1),
                })
                {
                    json.WriteNumber(name, Math.Round(value, 4));
                }

                json.WriteEndObject();
            }

            json.WriteNumber("targetsMet", met);
            json.WriteNumber("targets", rows.Count * 2);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
