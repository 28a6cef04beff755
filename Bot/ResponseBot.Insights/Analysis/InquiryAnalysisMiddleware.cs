using Microsoft.Extensions.Logging;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Insights.Analysis;

/// <summary>
/// Reads every inquiry with the insight models before the dialogue answers it (so a fallback or hand-off names the
/// routed department), routes it again once the knowledge base has answered with confidence, and hands the reading
/// to the alert detectors. Runs innermost, after deduplication, rate limit and the user's lock, inside recording, so
/// the recorded interaction carries the same reading.
/// </summary>
internal sealed class InquiryAnalysisMiddleware(
    IInquiryClassifier classifier, InquirySignalBuffer signals, ILogger<InquiryAnalysisMiddleware> logger) : ITurnMiddleware
{
    public async Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
    {
        var message = turn.Message;
        if (message.Kind != InboundKind.Text || !LooksLikeInquiry(message.Text))
        {
            return await next(turn, cancellationToken).ConfigureAwait(false);
        }

        turn.Analysis = Analyze(message.Text, answered: null);
        var reply = await next(turn, cancellationToken).ConfigureAwait(false);
        if (turn.Analysis is null || reply.Kind is not (ReplyKind.Answer or ReplyKind.Clarify or ReplyKind.Fallback or ReplyKind.Handoff))
        {
            // 满意, a greeting or a too-long message is not an inquiry to count or route.
            turn.Analysis = null;
            return reply;
        }

        if (reply.Kind == ReplyKind.Answer && KnowledgeHint.FromAnswer(reply.Knowledge) is { } answered)
        {
            turn.Analysis = Reroute(message.Text, turn.Analysis, answered) ?? turn.Analysis;
        }

        var analysis = turn.Analysis;
        signals.Post(new InquirySignal(
            turn.ReceivedAt,
            message.Channel,
            Subject: $"{message.Channel}:{new Pseudonym(message.UserId)}",
            Company: null,
            Text: PersonalData.Mask(message.Text),
            analysis.Sentiment,
            analysis.NegativeProbability,
            analysis.Topic,
            analysis.Routing.Department));
        return reply;
    }

    /// <summary>A choice number, 1/0 or a lone symbol is an answer to the bot, not an inquiry.</summary>
    internal static bool LooksLikeInquiry(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && ++letters >= 2)
            {
                return true;
            }
        }

        return false;
    }

    private InquiryAnalysis? Analyze(string text, KnowledgeHint? answered) => Safely(() => classifier.Analyze(text, answered));

    private InquiryAnalysis? Reroute(string text, InquiryAnalysis analysis, KnowledgeHint answered) =>
        Safely(() => classifier.Reroute(text, analysis, answered));

    private InquiryAnalysis? Safely(Func<InquiryAnalysis> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The conversation goes on without a reading; the models are checked at start-up, so this is a bug to fix.
            Log.AnalysisFailed(logger, e);
            return null;
        }
    }
}
