using Microsoft.AspNetCore.Http.HttpResults;
using ResponseBot.Bot.Answering;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Host.Endpoints;

/// <summary><c>POST /api/ask</c>: one question in, the bot's reply out.</summary>
internal static class AskEndpoints
{
    private const string MissingBody = "A JSON body is required, e.g. {\"text\": \"企业上云有补贴吗？\"}.";

    public static IEndpointRouteBuilder MapAskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", Ask)
            .WithName(nameof(Ask))
            .WithTags("Ask")
            .WithSummary("Answer a question from the published knowledge base")
            .WithDescription(
                "Searches the published knowledge base and replies in one of three tiers: answer (the entry's answer " +
                "and its follow-up prompts), clarify (up to three numbered candidate questions) or fallback (no answer " +
                "yet: the responsible department and an offer of a person). Hits carry calibrated 0–1 scores. The analysis " +
                "gives the question's sentiment, hot topic and routed department, as the bot reads every inquiry; /api/ask " +
                "records nothing and raises no alert.")
            .Accepts<AskRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    // The body is optional to the framework so that a missing one reaches the validation below and gets a clear message.
    internal static Results<Ok<AskResponse>, ValidationProblem> Ask(
        AskRequest? request, KnowledgeResponder responder, IInquiryClassifier classifier)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [MissingBody] }, detail: MissingBody);
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var channel = string.IsNullOrWhiteSpace(request.Channel) ? AskRequest.DefaultChannel : request.Channel.Trim();
        var text = request.Text!.Trim();
        // As the bot does: route first (a fallback names the routed department), again once an entry has answered.
        var analysis = classifier.Analyze(text);
        var reply = responder.Ask(text, channel, analysis.Routing.Department);
        if (KnowledgeHint.FromAnswer(reply) is { } answered)
        {
            analysis = classifier.Reroute(text, analysis, answered);
        }

        return TypedResults.Ok(AskResponse.From(reply, analysis));
    }
}
