using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Integration.Tests.AlertsApi;

/// <summary>
/// Stands in for the trained models, which the alert API never calls: these tests raise alerts through the store,
/// so the service starts without loading the models.
/// </summary>
internal sealed class NoClassifier : IInquiryClassifier
{
    public InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null) =>
        throw new NotSupportedException("The alert tests send no inquiries to classify.");
}
