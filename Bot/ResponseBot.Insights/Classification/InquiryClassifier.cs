using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Classification;

/// <summary>
/// The three insight models — sentiment, hot topic, department — over one shared reading of the inquiry
/// (<see cref="InquiryFeatures"/>), with routing by <see cref="DepartmentRouter"/>. Thread-safe: each model serves
/// from its own pool of prediction engines.
/// </summary>
public sealed class InquiryClassifier : IInquiryClassifier
{
    /// <summary>The sentiment model's file name.</summary>
    public const string SentimentFile = "sentiment.zip";

    /// <summary>The hot-topic model's file name.</summary>
    public const string TopicFile = "topic.zip";

    /// <summary>The department model's file name.</summary>
    public const string DepartmentFile = "department.zip";

    private readonly InquiryFeatures _features;

    private InquiryClassifier(InquiryFeatures features, InsightModel sentiment, InsightModel topic, InsightModel department)
    {
        _features = features;
        Sentiment = sentiment;
        Topic = topic;
        Department = department;
    }

    /// <summary>Where the shipped models are: <c>models/</c> beside the program (copied there from Bot/models).</summary>
    public static string DefaultModelsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The sentiment model (negative / neutral / positive).</summary>
    public InsightModel Sentiment { get; }

    /// <summary>The hot-topic model (the five topics and <see cref="InquiryAnalysis.NoTopic"/>).</summary>
    public InsightModel Topic { get; }

    /// <summary>The department model (the eight departments).</summary>
    public InsightModel Department { get; }

    /// <summary>
    /// Loads <see cref="SentimentFile"/>, <see cref="TopicFile"/> and <see cref="DepartmentFile"/> from
    /// <paramref name="modelsDirectory"/>.
    /// </summary>
    /// <exception cref="InsightModelException">A model is missing, corrupt or of another version; the message names the file.</exception>
    public static InquiryClassifier Load(string modelsDirectory, ChineseAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(modelsDirectory);
        ArgumentNullException.ThrowIfNull(analyzer);
        return new InquiryClassifier(
            new InquiryFeatures(analyzer),
            InsightModel.Load(Path.Combine(modelsDirectory, SentimentFile), "sentiment"),
            InsightModel.Load(Path.Combine(modelsDirectory, TopicFile), "topic"),
            InsightModel.Load(Path.Combine(modelsDirectory, DepartmentFile), "department"));
    }

    /// <inheritdoc/>
    public InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = _features.Featurize(text);
        var sentiments = Sentiment.Predict(features);
        var topics = Topic.Predict(features);
        var routing = DepartmentRouter.Route(Department.Predict(features), answered, Department.Manifest.LabelNames);
        var topic = topics[0].Label == InquiryAnalysis.NoTopic ? null : topics[0].Label;
        return new InquiryAnalysis(sentiments[0].Label, sentiments, topic, topics, routing);
    }

    /// <inheritdoc/>
    /// <remarks>Sentiment and topic do not depend on the entry: only the department vote is counted again.</remarks>
    public InquiryAnalysis Reroute(string text, InquiryAnalysis analysis, KnowledgeHint answered)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Routing.ModelScores.Count == 0
            ? Analyze(text, answered)
            : analysis with
            {
                Routing = DepartmentRouter.Route(analysis.Routing.ModelScores, answered, Department.Manifest.LabelNames),
            };
    }
}
