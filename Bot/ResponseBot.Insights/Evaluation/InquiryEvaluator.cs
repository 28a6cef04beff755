using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Insights.Evaluation;

/// <summary>One labelled inquiry, what the classifier read in it, and the knowledge-base entry routing counted.</summary>
/// <param name="Inquiry">The inquiry and its labels.</param>
/// <param name="Analysis">The classifier's reading.</param>
/// <param name="Hint">The entry that answered with confidence, if any, as passed to the classifier.</param>
public sealed record EvaluatedInquiry(LabelledInquiry Inquiry, InquiryAnalysis Analysis, KnowledgeHint? Hint)
{
    /// <summary>The predicted hot topic, <see cref="InquiryAnalysis.NoTopic"/> for none (as labels spell it).</summary>
    public string PredictedTopic => Analysis.Topic ?? InquiryAnalysis.NoTopic;

    /// <summary>Whether any label the inquiry has was predicted wrong.</summary>
    public bool IsMistaken =>
        Wrong(Inquiry.Sentiment, Analysis.Sentiment) || Wrong(Inquiry.Topic, PredictedTopic) || Wrong(Inquiry.Department, Analysis.Routing.Department);

    private static bool Wrong(string? expected, string predicted) =>
        expected is not null && !string.Equals(expected, predicted, StringComparison.Ordinal);
}

/// <summary>
/// The three insight models scored on a labelled file. A label's metrics are over the inquiries that carry it, and
/// are <see langword="null"/> when none does.
/// </summary>
/// <param name="Inquiries">Every inquiry with its reading, in file order.</param>
/// <param name="Sentiment">Sentiment metrics (negative / neutral / positive).</param>
/// <param name="Topic">Hot-topic metrics, <c>none</c> being a class of its own.</param>
/// <param name="Department">Department metrics, with the routing's top 3 as the ranking for top-k accuracy.</param>
public sealed record InquiryEvaluation(
    IReadOnlyList<EvaluatedInquiry> Inquiries,
    ClassificationMetrics? Sentiment,
    ClassificationMetrics? Topic,
    ClassificationMetrics? Department)
{
    /// <summary>How many inquiries were read.</summary>
    public int Count => Inquiries.Count;

    /// <summary>How many were answered with confidence by the knowledge base, so that routing counted an entry.</summary>
    public int Hinted => Inquiries.Count(i => i.Hint is not null);
}

/// <summary>
/// Reads labelled inquiries with an <see cref="IInquiryClassifier"/> the way the product does — the knowledge base
/// searched first, its entry passed to routing when it answered with confidence — and scores each label.
/// </summary>
public static class InquiryEvaluator
{
    /// <summary>The sentiment codes of taxonomy.json, in its order.</summary>
    public static readonly IReadOnlyList<string> Sentiments = ["negative", "neutral", "positive"];

    /// <summary>The class "negative vs rest" is measured for.</summary>
    public const string Negative = "negative";

    /// <summary>How many ranked departments count for top-k accuracy: the routing offers three.</summary>
    public const int TopDepartments = 3;

    /// <summary>
    /// Classifies every inquiry and scores the labels present.
    /// </summary>
    /// <param name="inquiries">The labelled inquiries.</param>
    /// <param name="classifier">The models.</param>
    /// <param name="answered">
    /// The entry that answers a text with confidence, or <see langword="null"/>; see <see cref="HintFrom"/>. Pass a
    /// function returning <see langword="null"/> to measure the models alone.
    /// </param>
    /// <param name="departments">The department codes, in the order tables show them.</param>
    /// <param name="topics">The hot-topic codes, in the order tables show them (<c>none</c> is added last).</param>
    /// <param name="progress">Receives the count classified so far.</param>
    /// <param name="cancellationToken">Stops between inquiries.</param>
    public static InquiryEvaluation Evaluate(
        IReadOnlyList<LabelledInquiry> inquiries,
        IInquiryClassifier classifier,
        Func<string, KnowledgeHint?> answered,
        IEnumerable<string> departments,
        IEnumerable<string> topics,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inquiries);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(topics);
        var read = new List<EvaluatedInquiry>(inquiries.Count);
        foreach (var inquiry in inquiries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hint = answered(inquiry.Text);
            read.Add(new EvaluatedInquiry(inquiry, classifier.Analyze(inquiry.Text, hint), hint));
            progress?.Report(read.Count);
        }

        return new InquiryEvaluation(
            read,
            Score(read, i => i.Inquiry.Sentiment, i => new ClassifiedExample(i.Inquiry.Sentiment!, i.Analysis.Sentiment), Sentiments),
            Score(read, i => i.Inquiry.Topic, i => new ClassifiedExample(i.Inquiry.Topic!, i.PredictedTopic), [.. topics, InquiryAnalysis.NoTopic]),
            Score(
                read,
                i => i.Inquiry.Department,
                i => new ClassifiedExample(
                    i.Inquiry.Department!, i.Analysis.Routing.Department, i.Analysis.Routing.Top.Select(s => s.Label).ToList()),
                departments));
    }

    /// <summary>
    /// The entry routing counts for a search result, as the bot decides it: the best hit when the result is in the
    /// answer tier (the knowledge base answered with confidence), else <see langword="null"/>.
    /// </summary>
    public static KnowledgeHint? HintFrom(SearchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is { Tier: AnswerTier.Answer, Best: { } best }
            ? new KnowledgeHint(best.Entry.Id, best.Entry.Department, best.Score)
            : null;
    }

    private static ClassificationMetrics? Score(
        List<EvaluatedInquiry> read,
        Func<EvaluatedInquiry, string?> label,
        Func<EvaluatedInquiry, ClassifiedExample> example,
        IEnumerable<string> labels)
    {
        var examples = read.Where(i => label(i) is not null).Select(example).ToList();
        return examples.Count == 0 ? null : ClassificationMetrics.Compute(examples, labels);
    }
}
