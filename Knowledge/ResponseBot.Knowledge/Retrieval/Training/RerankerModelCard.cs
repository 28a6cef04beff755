using System.Globalization;
using System.Text;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>
/// The card that travels with a trained re-ranker (<c>reranker.md</c> beside <c>reranker.zip</c>): what it was trained
/// on, how large the data was, how well it did on held-out queries, and when.
/// </summary>
public static class RerankerModelCard
{
    /// <summary>The card's path for a model path: the same name with <c>.md</c>.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".md");

    public static string Render(RerankerReport report, DateTimeOffset trainedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var card = new StringBuilder();
        card.AppendLine("# Re-ranker model card");
        card.AppendLine();
        card.AppendLine(c, $"- Trained: {trainedAt:yyyy-MM-dd HH:mm} UTC by `responsebot train reranker`, seed {RerankerTrainer.Seed}.");
        card.AppendLine(c, $"- Model: ML.NET FastTree binary classifier with a Platt calibrator ({RerankerTrainer.Trees} trees, {RerankerTrainer.Leaves} leaves), one row per");
        card.AppendLine("  (query, first-stage candidate); its calibrated probability is the 0–1 score that decides the tier.");
        card.AppendLine(c, $"- Features ({RerankFeatures.Count}, by position): {string.Join(", ", RerankFeatures.Names)}.");
        card.AppendLine();
        card.AppendLine("## Data");
        card.AppendLine();
        card.AppendLine("| set | queries | rows |");
        card.AppendLine("|---|---:|---:|");
        foreach (var (set, queries, rows) in report.Sets)
        {
            card.AppendLine(c, $"| {set} | {queries} | {rows} |");
        }

        card.AppendLine();
        card.AppendLine("- `demo`: the demo base's alternates (each asked with itself hidden) and the team-written queries of");
        card.AppendLine("  `data/train/demo-queries.jsonl`.");
        card.AppendLine("- `gov-*`, `demo-out-of-scope`, `demo-topic-swapped`: built from the public 泰迪杯 2020 C government");
        card.AppendLine("  messages (`shared/data/gov`, research data, not redistributed): long stories asked against their");
        card.AppendLine("  subjects, and citizens' subjects asked of the demo base as questions it must not answer.");
        card.AppendLine("- `demo-more`: more team-written demo queries (`data/train/demo-queries-2.jsonl`).");
        card.AppendLine("- Not trained on: `data/eval/kb-b.jsonl` and `kb-c.jsonl` with their queries, two independently written");
        card.AppendLine("  commission bases kept to measure how the model carries to a base it never saw; the demo tuning set; the");
        card.AppendLine("  golden set; LCQMC.");
        card.AppendLine();
        card.AppendLine("## Held-out metrics");
        card.AppendLine();
        card.AppendLine(c, $"One query in five (by a stable hash) is held out: {report.TestQueries} queries, {report.TestRows} rows; trained on {report.TrainQueries} queries, {report.TrainRows} rows.");
        card.AppendLine();
        card.AppendLine(c, $"- AUC {report.Auc:F3}");
        card.AppendLine(c, $"- top-1 {report.Top1:P1} (first stage alone {report.FirstStageTop1:P1}), over held-out queries whose answer is among the candidates");
        card.AppendLine();
        card.AppendLine("Retrieval quality on whole bases, and the thresholds, are measured with `responsebot eval retrieval`; see README.");
        return card.ToString();
    }
}
