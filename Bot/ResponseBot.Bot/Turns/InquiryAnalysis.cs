namespace ResponseBot.Bot.Turns;

/// <summary>One label of a classifier and how likely it is.</summary>
/// <param name="Label">A code from taxonomy.json (sentiment, hot topic or department).</param>
/// <param name="Probability">The model's probability, 0–1.</param>
public sealed record LabelScore(string Label, float Probability);

/// <summary>Which signal decided the department an inquiry is routed to.</summary>
public enum RoutingSignal
{
    /// <summary>The department model alone.</summary>
    Model,

    /// <summary>The knowledge-base entry that answered with confidence.</summary>
    Knowledge,

    /// <summary>The model and the answering entry named the same department.</summary>
    Agreement,
}

/// <summary>The department an inquiry goes to, its runners-up, and why.</summary>
/// <param name="Department">The chosen department code.</param>
/// <param name="Top">The best three departments, most likely first, after the knowledge base has been counted.</param>
/// <param name="Signal">Which signal won.</param>
/// <param name="Explanation">One plain sentence for people (Chinese), e.g. which entry or which model probability decided.</param>
public sealed record DepartmentRouting(string Department, IReadOnlyList<LabelScore> Top, RoutingSignal Signal, string Explanation)
{
    /// <summary>
    /// Every department with the model's own probability, most likely first, before the knowledge base was counted:
    /// what routing starts from when an answering entry is counted later. Empty when not known.
    /// </summary>
    public IReadOnlyList<LabelScore> ModelScores { get; init; } = [];
}

/// <summary>
/// What the insight models read in one inquiry: sentiment, hot topic and the department it belongs to. Attached to
/// the turn by the analysis step so that the dialogue, the records and the alert detectors all see the same reading.
/// </summary>
/// <param name="Sentiment">negative, neutral or positive.</param>
/// <param name="Sentiments">All three sentiments with probabilities, most likely first.</param>
/// <param name="Topic">The hot-topic code, or <see langword="null"/> when the inquiry is on none of them.</param>
/// <param name="Topics">The hot topics with probabilities, most likely first; the label <c>none</c> stands for no topic.</param>
/// <param name="Routing">The department and why.</param>
public sealed record InquiryAnalysis(
    string Sentiment,
    IReadOnlyList<LabelScore> Sentiments,
    string? Topic,
    IReadOnlyList<LabelScore> Topics,
    DepartmentRouting Routing)
{
    /// <summary>The code of "no hot topic" in <see cref="Topics"/> and in training data.</summary>
    public const string NoTopic = "none";

    /// <summary>The probability of negative sentiment, 0–1.</summary>
    public float NegativeProbability => Sentiments.FirstOrDefault(s => s.Label == "negative")?.Probability ?? 0f;
}
