using System.Text.Json;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Evaluation;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Cli.Output;

/// <summary>One headline number of a label: its JSON key, what people read, and its value (a 0–1 share).</summary>
internal sealed record Headline(string Key, string Title, double Value)
{
    /// <summary>Accuracies read best as percentages, F1 scores as the 0–1 numbers papers and targets quote.</summary>
    public string Formatted => Key is "accuracy" or "top3" ? TextTable.Percent(Value) : TextTable.Number(Value);
}

/// <summary>The metrics of one label (sentiment, topic or department) with the names its codes have for people.</summary>
/// <param name="Key">The JSON key: sentiment, topic or department.</param>
/// <param name="Title">The label's name in English and Chinese, for headings.</param>
/// <param name="Metrics">The scores over the inquiries that carry the label.</param>
/// <param name="Names">Code → Chinese name.</param>
/// <param name="Headlines">The headline numbers, in the order the JSON line gives them.</param>
internal sealed record ClassifyBlock(
    string Key, string Title, ClassificationMetrics Metrics, IReadOnlyDictionary<string, string> Names, IReadOnlyList<Headline> Headlines)
{
    /// <summary>"code 名称", or the code alone when it has no name.</summary>
    public string Display(string code) => Names.TryGetValue(code, out var name) ? $"{code} {name}" : code;
}

/// <summary>
/// What <c>eval classify</c> found, ready to render: the evaluation, where its inputs came from, and one block per
/// label the file carries, in the order sentiment, topic, department.
/// </summary>
internal sealed class ClassifyReport
{
    /// <summary>The Chinese name of "no hot topic", which taxonomy.json does not list.</summary>
    public const string NoTopicName = "无热点";

    public ClassifyReport(InquiryEvaluation evaluation, string dataPath, string knowledgeBasePath, int knowledgeEntries, Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(taxonomy);
        Evaluation = evaluation;
        DataPath = dataPath;
        KnowledgeBasePath = knowledgeBasePath;
        KnowledgeEntries = knowledgeEntries;
        var blocks = new List<ClassifyBlock>();
        if (evaluation.Sentiment is { } sentiment)
        {
            blocks.Add(new ClassifyBlock("sentiment", "Sentiment 情感", sentiment, SentimentNames(), [
                new("accuracy", "accuracy", sentiment.Accuracy),
                new("macroF1", "macro-F1", sentiment.MacroF1),
                new("negativeF1", "negative-vs-rest macro-F1", sentiment.OneVersusRest(InquiryEvaluator.Negative).MacroF1),
            ]));
        }

        if (evaluation.Topic is { } topic)
        {
            var names = new Dictionary<string, string>(taxonomy.HotTopics, StringComparer.Ordinal) { [InquiryAnalysis.NoTopic] = NoTopicName };
            blocks.Add(new ClassifyBlock("topic", "Hot topic 热点领域", topic, names, [
                new("accuracy", "accuracy", topic.Accuracy),
                new("macroF1", "macro-F1", topic.MacroF1),
            ]));
        }

        if (evaluation.Department is { } department)
        {
            blocks.Add(new ClassifyBlock("department", "Department 承办处室", department, taxonomy.Departments, [
                new("accuracy", "accuracy (top-1)", department.Accuracy),
                new("top3", "top-3 accuracy", department.TopKAccuracy(InquiryEvaluator.TopDepartments)),
                new("macroF1", "macro-F1", department.MacroF1),
            ]));
        }

        Blocks = blocks;
    }

    public InquiryEvaluation Evaluation { get; }

    public string DataPath { get; }

    public string KnowledgeBasePath { get; }

    public int KnowledgeEntries { get; }

    public IReadOnlyList<ClassifyBlock> Blocks { get; }

    /// <summary>
    /// negative / neutral / positive → 负面 / 中性 / 正面, from the <c>sentiments</c> of data/taxonomy.json (the
    /// <see cref="Taxonomy"/> class reads departments and hot topics only); codes stand alone if the file lacks them.
    /// </summary>
    private static Dictionary<string, string> SentimentNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(AppContext.BaseDirectory, "data", "taxonomy.json");
        if (!File.Exists(path))
        {
            return names;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("sentiments", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("code", out var code) && item.TryGetProperty("name", out var name)
                    && code.GetString() is { } c && name.GetString() is { } n)
                {
                    names[c] = n;
                }
            }
        }

        return names;
    }
}
