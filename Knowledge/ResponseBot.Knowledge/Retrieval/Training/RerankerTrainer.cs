using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>What a training set contributes: its searched queries, its entries' own alternates.</summary>
[Flags]
public enum TrainingUse
{
    Queries = 1,
    LeaveOneOut = 2,
}

/// <summary>How well a trained re-ranker did on the queries held out from its training.</summary>
public sealed record RerankerReport(
    int TrainRows, int TestRows, int TrainQueries, int TestQueries, double Auc, double Top1, double FirstStageTop1,
    IReadOnlyList<(string Set, int Queries, int Rows)> Sets);

/// <summary>
/// Trains the re-ranker: every labelled query is searched with the first stage alone, each candidate becomes one row
/// (its features, and whether it is the right entry), and a calibrated FastTree learns to tell right from wrong.
/// A share of queries (by a stable hash) is held out to report AUC and top-1.
/// </summary>
public sealed class RerankerTrainer(RetrievalEngine engine)
{
    public const int Seed = 20261127;

    // Small, heavily regularised trees: the model must carry to bases it never saw, and a cross-base check
    // (trained without data/eval/kb-b, measured on it) preferred these to 300 trees of 24 leaves.
    public const int Trees = 200;
    public const int Leaves = 8;

    /// <summary>
    /// Builds rows from <paramref name="sets"/> (each against its own entries, as its <see cref="TrainingUse"/> says;
    /// an entry's own alternate is hidden from itself when asked), trains, saves the model to
    /// <paramref name="modelPath"/> and reports.
    /// </summary>
    public RerankerReport Train(
        IReadOnlyList<(RetrievalSet Set, float Weight, TrainingUse Use)> sets, string modelPath,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var firstStage = engine.WithReranker(null);
        var rows = new List<RerankRow>();
        var summary = new List<(string, int, int)>();
        var testQueries = new HashSet<string>(StringComparer.Ordinal);
        var trainQueries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (set, weight, use) in sets)
        {
            progress?.Report($"indexing {set.Name} ({set.Entries.Count} entries)");
            var index = firstStage.Build(set.Entries, 0);
            var before = rows.Count;
            var asked = new List<(string Query, string? Expected, int Excluded)>();
            if (use.HasFlag(TrainingUse.Queries))
            {
                asked.AddRange(set.Queries.Select(q => (q.Query, q.Expected, -1)));
            }

            if (use.HasFlag(TrainingUse.LeaveOneOut))
            {
                asked.AddRange(index.Passages
                    .Where(p => index.Entries[p.Passage.Entry].Alternates.Count > 0)
                    .Select(p => (p.Passage.Text, (string?)index.Entries[p.Passage.Entry].Id, p.Index)));
            }

            progress?.Report($"scoring {asked.Count} queries of {set.Name}");
            foreach (var (query, expected, excluded) in asked)
            {
                var group = $"{set.Name}:{query}";
                var held = IsHeldOut(group);
                (held ? testQueries : trainQueries).Add(group);
                var candidates = index.Score(index.Analyzer.Analyze(query), excluded);
                var expectedIndex = expected is null ? -1 : index.EntryIndexOf(expected);
                foreach (var candidate in candidates)
                {
                    rows.Add(new RerankRow
                    {
                        Label = candidate.Entry == expectedIndex,
                        Features = candidate.Features,
                        Weight = weight,
                        Group = group,
                        HeldOut = held,
                        Ranked = expected is not null,
                    });
                }
            }

            summary.Add((set.Name, asked.Count, rows.Count - before));
        }

        var ml = new MLContext(seed: Seed);
        var train = ml.Data.LoadFromEnumerable(rows.Where(r => !r.HeldOut), RerankRow.Schema());
        var test = ml.Data.LoadFromEnumerable(rows.Where(r => r.HeldOut), RerankRow.Schema());
        progress?.Report($"training on {rows.Count(r => !r.HeldOut)} rows");
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(RerankRow.Label),
            FeatureColumnName = nameof(RerankRow.Features),
            ExampleWeightColumnName = nameof(RerankRow.Weight),
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = 200,
            LearningRate = 0.05,
            FeatureFraction = 0.9,
            Seed = Seed,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(train);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test), nameof(RerankRow.Label));
        var reranker = Reranker.FromTransformer(model);
        var top1 = HeldOutTop1(rows.Where(r => r.HeldOut), r => reranker.RawScore(r.Features));
        var firstStageTop1 = HeldOutTop1(rows.Where(r => r.HeldOut), r => r.Features[RerankFeatures.FirstStage]);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
        ml.Model.Save(model, train.Schema, modelPath);
        return new RerankerReport(
            rows.Count(r => !r.HeldOut), rows.Count(r => r.HeldOut), trainQueries.Count, testQueries.Count,
            metrics.AreaUnderRocCurve, top1, firstStageTop1, summary);
    }

    /// <summary>One query in five is held out, by a hash that does not change between runs or machines.</summary>
    internal static bool IsHeldOut(string group)
    {
        var hash = 2166136261u;
        foreach (var c in group)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 5 == 0;
    }

    private static double HeldOutTop1(IEnumerable<RerankRow> rows, Func<RerankRow, double> score)
    {
        var groups = rows.Where(r => r.Ranked).GroupBy(r => r.Group).Where(g => g.Any(r => r.Label)).ToList();
        if (groups.Count == 0)
        {
            return 0;
        }

        var right = groups.Count(g => g.MaxBy(score)!.Label);
        return (double)right / groups.Count;
    }

    private sealed class RerankRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];

        public float Weight { get; set; }

        public string Group { get; set; } = "";

        public bool HeldOut { get; set; }

        /// <summary>True for a candidate of a searched query that has an answer: these make up held-out top-1.</summary>
        public bool Ranked { get; set; }

        public static SchemaDefinition Schema()
        {
            var schema = SchemaDefinition.Create(typeof(RerankRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RerankFeatures.Count);
            return schema;
        }
    }
}
