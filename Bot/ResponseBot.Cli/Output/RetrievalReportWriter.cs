using System.Text;
using System.Text.Json;
using ResponseBot.Knowledge.Evaluation;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Output;

/// <summary>Renders a <see cref="RetrievalReport"/> for people (tables) and for machines (one JSON line).</summary>
internal static class RetrievalReportWriter
{
    public static void WriteText(TextWriter writer, RetrievalReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var engine = report.Engine;
        var baseline = report.Baseline;
        writer.WriteLine(
            $"Retrieval evaluation: {report.Entries} entries, {report.Queries} queries " +
            $"({engine.InScope} with an expected entry, {engine.OutOfScope} without)");
        writer.WriteLine();

        var noNull = engine.OutOfScope == 0 ? " (no null queries)" : "";
        var noInScope = engine.InScope == 0 ? " (no expected ids)" : "";
        var table = new TextTable("", "engine", "baseline") { RightAligned = [1, 2] };
        table.Add($"top-1{noInScope}", Percent(engine.Top1), Percent(baseline.Top1));
        table.Add($"top-3{noInScope}", Percent(engine.Top3), Percent(baseline.Top3));
        table.Add($"MRR@{RetrievalMetrics.MrrDepth}{noInScope}", Number(engine.Mrr), Number(baseline.Mrr));
        table.Add($"null queries → fallback{noNull}", Percent(engine.FallbackRate), Percent(baseline.FallbackRate));
        table.Add("wrong answers (of all queries)", Percent(engine.WrongAnswerRate), Percent(baseline.WrongAnswerRate));
        table.Add("search latency p50", Number(engine.P50Ms) + " ms", Number(baseline.P50Ms) + " ms");
        table.Add("search latency p99", Number(engine.P99Ms) + " ms", Number(baseline.P99Ms) + " ms");
        table.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine(
            $"engine:   our engine at the configured thresholds (answer ≥ {Number(report.Configured.AnswerThreshold, "0.00")}, " +
            $"clarify ≥ {Number(report.Configured.ClarifyThreshold, "0.00")}).");
        writer.WriteLine(
            "baseline: Lucene.Net SmartChineseAnalyzer + BM25, question and alternates (boost 1) and answer " +
            $"(boost {Number(LuceneBaseline.AnswerBoost, "0.0")}).");
        writer.WriteLine(
            "          It has no calibrated confidence: it answers with its top hit whenever it has one and falls back");
        writer.WriteLine("          only when nothing matches, so its fallback and wrong-answer rates are not tuned.");
        writer.WriteLine("Latency: one thread, after a warm-up pass, a stopwatch around each search.");
        writer.WriteLine();
        WriteSweep(writer, report);
    }

    /// <summary>
    /// One line, one object: <c>{"engine":{…},"baseline":{…},"entries":N,"queries":N}</c>, shares as 0–1 numbers.
    /// </summary>
    public static string ToJsonLine(RetrievalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteMetrics(json, "engine", report.Engine);
            WriteMetrics(json, "baseline", report.Baseline);
            json.WriteNumber("entries", report.Entries);
            json.WriteNumber("queries", report.Queries);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSweep(TextWriter writer, RetrievalReport report)
    {
        var sweep = report.Sweep;
        writer.WriteLine("Threshold sweep (engine; the best hit's calibrated score against each candidate):");
        var table = new TextTable(
            "threshold", "answered", "wrong", "top-1 of answered", "null → fallback", "in-scope kept")
        { RightAligned = [0, 1, 2, 3, 4, 5] };
        foreach (var row in sweep.Rows)
        {
            table.Add(
                Number(row.Threshold, "0.00"), Percent(row.Answered), Percent(row.WrongAnswerRate),
                Percent(row.Top1AmongAnswered), Percent(row.NullFallback), Percent(row.InScopeKept));
        }

        table.WriteTo(writer);
        writer.WriteLine(
            "As an answer threshold: answered, wrong and top-1 of answered. As a clarify threshold: the null queries " +
            "that would fall back, and the in-scope queries kept out of fallback.");
        writer.WriteLine();

        var answer = sweep.RecommendedAnswer is { } a ? Number(a, "0.00") : "none";
        var clarify = sweep.RecommendedClarify is { } c ? Number(c, "0.00") : "none";
        var recommendations = new TextTable("", "recommended", "configured", "rule");
        recommendations.Add(
            "Knowledge:AnswerThreshold", answer, Number(report.Configured.AnswerThreshold, "0.00"),
            $"lowest with wrong answers ≤ {Percent(ThresholdSweep.MaxWrongAnswerRate)}");
        recommendations.Add(
            "Knowledge:ClarifyThreshold", clarify, Number(report.Configured.ClarifyThreshold, "0.00"),
            $"highest keeping ≥ {Percent(ThresholdSweep.MinInScopeKept)} of in-scope queries out of fallback");
        recommendations.WriteTo(writer);
        if (sweep.RecommendedAnswer is null && report.Queries > 0)
        {
            writer.WriteLine(
                "Note: no candidate keeps wrong answers within the limit; on queries like these, offer choices rather " +
                "than answer outright.");
        }

        if (sweep.RecommendedAnswer is { } ra && sweep.RecommendedClarify is { } rc && rc > ra)
        {
            writer.WriteLine(
                "Note: the recommended clarify threshold is above the answer threshold; use the answer threshold for both.");
        }
    }

    private static void WriteMetrics(Utf8JsonWriter json, string name, RetrievalMetrics metrics)
    {
        json.WriteStartObject(name);
        json.WriteNumber("top1", Math.Round(metrics.Top1, 4));
        json.WriteNumber("top3", Math.Round(metrics.Top3, 4));
        json.WriteNumber("mrr", Math.Round(metrics.Mrr, 4));
        json.WriteNumber("fallbackRate", Math.Round(metrics.FallbackRate, 4));
        json.WriteNumber("wrongAnswerRate", Math.Round(metrics.WrongAnswerRate, 4));
        json.WriteNumber("p50Ms", Math.Round(metrics.P50Ms, 4));
        json.WriteNumber("p99Ms", Math.Round(metrics.P99Ms, 4));
        json.WriteEndObject();
    }
}
