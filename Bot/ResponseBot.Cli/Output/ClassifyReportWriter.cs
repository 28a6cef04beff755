using System.Globalization;
using System.Text;
using System.Text.Json;
using ResponseBot.Insights.Evaluation;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Output;

/// <summary>Renders a <see cref="ClassifyReport"/> for people (tables) and for machines (one JSON line).</summary>
internal static class ClassifyReportWriter
{
    /// <summary>What a cell shows for a class that occurs neither as truth nor as prediction.</summary>
    public const string NotApplicable = "—";

    public static void WriteText(TextWriter writer, ClassifyReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var evaluation = report.Evaluation;
        writer.WriteLine($"Classification evaluation: {evaluation.Count} inquiries from {Path.GetFileName(report.DataPath)}");
        writer.WriteLine(
            $"Knowledge base {Path.GetFileName(report.KnowledgeBasePath)} ({report.KnowledgeEntries} published entries): " +
            $"{evaluation.Hinted} inquiries answered with confidence, their entry counted in routing as the bot does.");
        foreach (var block in report.Blocks)
        {
            writer.WriteLine();
            WriteBlock(writer, block);
        }

        var mistaken = evaluation.Inquiries.Count(i => i.IsMistaken);
        writer.WriteLine();
        writer.WriteLine(
            $"{mistaken} of {evaluation.Count} inquiries have at least one label wrong" +
            (mistaken > 0 ? "; --report FILE.html lists them." : "."));
    }

    /// <summary>
    /// One line, one object: <c>{"sentiment":{…},"topic":{…},"department":{…},"count":N}</c>, a block only for the
    /// labels the file carries, shares as 0–1 numbers.
    /// </summary>
    public static string ToJsonLine(ClassifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var block in report.Blocks)
            {
                json.WriteStartObject(block.Key);
                foreach (var headline in block.Headlines)
                {
                    json.WriteNumber(headline.Key, Math.Round(headline.Value, 4));
                }

                json.WriteEndObject();
            }

            json.WriteNumber("count", report.Evaluation.Count);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A class's precision, recall and F1 as table cells; <see cref="NotApplicable"/> for a class that does not occur.</summary>
    public static string[] ScoreCells(ClassMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Occurs
            ? [Number(metrics.Precision), Number(metrics.Recall), Number(metrics.F1)]
            : [NotApplicable, NotApplicable, NotApplicable];
    }

    private static void WriteBlock(TextWriter writer, ClassifyBlock block)
    {
        var metrics = block.Metrics;
        writer.WriteLine($"{block.Title}: {metrics.Count} labelled");
        var width = block.Headlines.Max(h => h.Title.Length);
        foreach (var headline in block.Headlines)
        {
            writer.WriteLine($"  {headline.Title.PadRight(width)}  {headline.Formatted,7}");
        }

        writer.WriteLine();

        var classes = new TextTable("class", "precision", "recall", "F1", "support", "predicted") { RightAligned = [1, 2, 3, 4, 5] };
        foreach (var c in metrics.Classes)
        {
            classes.Add([block.Display(c.Label), .. ScoreCells(c), Count(c.Support), Count(c.PredictedCount)]);
        }

        classes.WriteTo(writer);
        writer.WriteLine(
            $"macro-F1 averages the {metrics.Classes.Count(c => c.Occurs)} classes that occur as truth or prediction; " +
            $"{NotApplicable} marks the others.");
        writer.WriteLine();

        writer.WriteLine("Confusion matrix (rows: truth, columns: predicted):");
        var confusion = new TextTable([@"truth \ predicted", .. metrics.Labels])
        {
            RightAligned = Enumerable.Range(1, metrics.Labels.Count).ToList(),
        };
        for (var i = 0; i < metrics.Labels.Count; i++)
        {
            confusion.Add([block.Display(metrics.Labels[i]), .. metrics.Confusion[i].Select(Count)]);
        }

        confusion.WriteTo(writer);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
