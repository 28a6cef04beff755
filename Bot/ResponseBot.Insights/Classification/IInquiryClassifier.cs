using ResponseBot.Bot.Turns;

namespace ResponseBot.Insights.Classification;

/// <summary>The knowledge-base entry that answered an inquiry with confidence, counted when routing it.</summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="Department">The entry's department code.</param>
/// <param name="Score">The entry's calibrated score, 0–1.</param>
public sealed record KnowledgeHint(string EntryId, string Department, double Score);

/// <summary>
/// Reads an inquiry with the three insight models — sentiment, hot topic, department — and routes it, counting the
/// answering entry's department when the knowledge base answered with confidence. Thread-safe.
/// </summary>
public interface IInquiryClassifier
{
    /// <summary>Analyses <paramref name="text"/> (raw user words; normalised and segmented inside).</summary>
    /// <param name="text">What the user wrote or said.</param>
    /// <param name="answered">The entry that answered with confidence, if any.</param>
    InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null);
}
