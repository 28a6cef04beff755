using System.Diagnostics;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>Where a long evaluation is: a stage name, and how much of it is done.</summary>
public sealed record EvalProgress(string Stage, int Done, int Total);

/// <summary>The result of <c>responsebot eval retrieval</c>: our engine and the baseline on the same entries and queries.</summary>
/// <param name="Entries">How many entries were indexed.</param>
/// <param name="Queries">How many queries were run.</param>
/// <param name="Engine">Our engine's numbers.</param>
/// <param name="Baseline">The Lucene.Net BM25 baseline's numbers.</param>
/// <param name="Sweep">Our engine's threshold sweep and the thresholds it recommends.</param>
/// <param name="Configured">The thresholds the engine ran with, from configuration.</param>
public sealed record RetrievalReport(
    int Entries, int Queries, RetrievalMetrics Engine, RetrievalMetrics Baseline, ThresholdSweep Sweep,
    KnowledgeOptions Configured);

/// <summary>Runs a query set through retrieval systems and measures them the same way.</summary>
public static class RetrievalEvaluator
{
    /// <summary>How many ranked ids each query keeps: enough for MRR@10.</summary>
    public const int RankDepth = RetrievalMetrics.MrrDepth;

    /// <summary>
    /// Searches every query twice on this thread: a warm-up pass (JIT, caches) and a timed pass, with a stopwatch
    /// around each search. The outcomes are those of the timed pass.
    /// </summary>
    public static IReadOnlyList<QueryOutcome> Run(
        IRankedSearch search, IReadOnlyList<EvalQuery> queries, string name, IProgress<EvalProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(queries);
        var step = Math.Max(1, queries.Count / 20);
        for (var i = 0; i < queries.Count; i++)
        {
            search.Search(queries[i].Query, RankDepth);
            if ((i + 1) % step == 0 || i + 1 == queries.Count)
            {
                progress?.Report(new EvalProgress($"{name}: warm-up", i + 1, queries.Count));
            }
        }

        var outcomes = new List<QueryOutcome>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = search.Search(queries[i].Query, RankDepth);
            var elapsed = Stopwatch.GetElapsedTime(started);
            outcomes.Add(new QueryOutcome(queries[i], result, elapsed.TotalMilliseconds));
            if ((i + 1) % step == 0 || i + 1 == queries.Count)
            {
                progress?.Report(new EvalProgress($"{name}: querying", i + 1, queries.Count));
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Builds a fresh index of <paramref name="entries"/> with <paramref name="engine"/> and a Lucene.Net baseline
    /// over the same entries, runs <paramref name="queries"/> through both, and reports.
    /// </summary>
    public static RetrievalReport Compare(
        RetrievalEngine engine, IReadOnlyList<KnowledgeEntry> entries, IReadOnlyList<EvalQuery> queries,
        IProgress<EvalProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(queries);

        var index = engine.Build(entries, 1, Counter(progress, "engine: indexing", entries.Count));
        var engineOutcomes = Run(new EngineRankedSearch(index), queries, "engine", progress);

        using var baseline = LuceneBaseline.Build(entries, Counter(progress, "baseline: indexing", entries.Count));
        var baselineOutcomes = Run(baseline, queries, "baseline", progress);

        return new RetrievalReport(
            entries.Count,
            queries.Count,
            RetrievalMetrics.From(engineOutcomes),
            RetrievalMetrics.From(baselineOutcomes),
            ThresholdSweep.From(engineOutcomes),
            engine.Options);
    }

    private static SynchronousProgress<int>? Counter(IProgress<EvalProgress>? progress, string stage, int total) =>
        progress is null ? null : new SynchronousProgress<int>(done => progress.Report(new EvalProgress(stage, done, total)));
}
