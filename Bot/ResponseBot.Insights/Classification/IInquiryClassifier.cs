using ResponseBot.Bot.Answering;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Insights.Classification;

/// <summary>The knowledge-base entry that answered an inquiry with confidence, counted when routing it.</summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="Department">The entry's department code.</param>
/// <param name="Score">The entry's calibrated score, 0–1.</param>
public sealed record KnowledgeHint(string EntryId, string Department, double Score)
{
    /// <summary>
    /// The hint a knowledge reply gives: its entry when it answered outright (the answer tier), else
    /// <see langword="null"/> — a clarification or a fallback is not confident.
    /// </summary>
    public static KnowledgeHint? FromAnswer(KnowledgeReply? reply) =>
        reply is { Tier: AnswerTier.Answer, EntryId: { } entryId, Department: { } department }
            ? new KnowledgeHint(entryId, department.Code, reply.Hits.FirstOrDefault(h => h.EntryId == entryId)?.Score ?? 1.0)
            : null;
}

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

    /// <summary>
    /// Routes an inquiry already analysed without a hint again, now that <paramref name="answered"/> has answered it:
    /// the same result as <c>Analyze(text, answered)</c>. Implementations that kept the model's scores in
    /// <see cref="DepartmentRouting.ModelScores"/> route without reading the text again.
    /// </summary>
    /// <param name="text">What the user wrote or said.</param>
    /// <param name="analysis">The analysis of <paramref name="text"/> by this classifier.</param>
    /// <param name="answered">The entry that answered with confidence.</param>
    InquiryAnalysis Reroute(string text, InquiryAnalysis analysis, KnowledgeHint answered) => Analyze(text, answered);
}
