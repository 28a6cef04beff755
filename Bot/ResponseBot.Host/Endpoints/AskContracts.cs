using System.ComponentModel;
using ResponseBot.Bot.Answering;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Host.Endpoints;

/// <summary>A question from any client of the HTTP API.</summary>
/// <param name="Text">The question, at most 1,000 characters once trimmed.</param>
/// <param name="User">Who asks, as the client knows them; at most 64 characters.</param>
/// <param name="Channel">Where the question came from; "api" when omitted; at most 64 characters.</param>
internal sealed record AskRequest(
    [property: Description("The question, at most 1,000 characters once trimmed.")] string? Text,
    [property: Description("Who asks, as the client knows them; at most 64 characters.")] string? User = null,
    [property: Description("Where the question came from, e.g. wechat or hotline; \"api\" when omitted.")] string? Channel = null)
{
    public const int MaxTextLength = 1000;
    public const int MaxNameLength = 64;
    public const string DefaultChannel = "api";

    /// <summary>Field → problems; empty when the request can be answered.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var text = Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["text is required and must not be blank."];
        }
        else if (text.Length > MaxTextLength)
        {
            // The limit is on the trimmed question, which attributes cannot express.
            errors["text"] = [$"text must be at most {MaxTextLength} characters once trimmed; it has {text.Length}."];
        }

        if (User?.Length > MaxNameLength)
        {
            errors["user"] = [$"user must be at most {MaxNameLength} characters; it has {User.Length}."];
        }

        if (Channel?.Length > MaxNameLength)
        {
            errors["channel"] = [$"channel must be at most {MaxNameLength} characters; it has {Channel.Length}."];
        }

        return errors;
    }
}

/// <summary>A numbered choice the user can reply with.</summary>
internal sealed record AskChoice(int Number, string Text, string EntryId);

/// <summary>A ranked entry with its calibrated 0–1 score.</summary>
internal sealed record AskHit(string EntryId, string Question, double Score);

/// <summary>A department code from taxonomy.json and its name.</summary>
internal sealed record AskDepartment(string Code, string Name);

/// <summary>The reply to one question.</summary>
internal sealed record AskResponse(
    [property: Description("answer, clarify (numbered choices) or fallback (no answer yet; offer a person).")] AnswerTier Tier,
    [property: Description("The whole text to show the user.")] string Text,
    [property: Description("The entry's answer; only for the answer tier.")] string? Answer,
    [property: Description("Clarify: candidate questions. Answer: follow-up prompts. Fallback: empty.")] IReadOnlyList<AskChoice> Choices,
    [property: Description("Every ranked entry, best first.")] IReadOnlyList<AskHit> Hits,
    [property: Description("The department that owns the matter.")] AskDepartment? Department,
    [property: Description("The answering entry; only for the answer tier.")] string? EntryId,
    [property: Description("The version of the answering entry.")] int? EntryVersion,
    [property: Description("The published knowledge-base snapshot the reply comes from.")] int SnapshotVersion,
    [property: Description("A link to show with the answer, when the entry has one.")] NewsLink? Link,
    [property: Description("What the insight models read in the question: sentiment, hot topic, routed department.")] AskAnalysis Analysis)
{
    public static AskResponse From(KnowledgeReply reply, InquiryAnalysis analysis) => new(
        reply.Tier,
        reply.Text,
        reply.Answer,
        [.. reply.Choices.Select(c => new AskChoice(c.Number, c.Text, c.EntryId))],
        [.. reply.Hits.Select(h => new AskHit(h.EntryId, h.Question, Math.Round(h.Score, 4)))],
        reply.Department is { } d ? new AskDepartment(d.Code, d.Name) : null,
        reply.EntryId,
        reply.EntryVersion,
        reply.SnapshotVersion,
        reply.Link,
        AskAnalysis.From(analysis));
}

/// <summary>A label with its probability, rounded for reading.</summary>
internal sealed record AskLabel(string Code, double Probability);

/// <summary>What the insight models read in a question.</summary>
internal sealed record AskAnalysis(
    [property: Description("negative, neutral or positive.")] string Sentiment,
    [property: Description("The probability of negative, 0–1.")] double NegativeProbability,
    [property: Description("The hot-topic code, or null when the question is on none.")] string? Topic,
    [property: Description("The department the question is routed to.")] string Department,
    [property: Description("The best three departments with probabilities, after the knowledge base has been counted.")] IReadOnlyList<AskLabel> Departments,
    [property: Description("Which signal decided the department: model, knowledge or agreement.")] RoutingSignal Signal,
    [property: Description("Why, in one sentence.")] string Explanation)
{
    public static AskAnalysis From(InquiryAnalysis analysis) => new(
        analysis.Sentiment,
        Math.Round(analysis.NegativeProbability, 4),
        analysis.Topic,
        analysis.Routing.Department,
        [.. analysis.Routing.Top.Select(l => new AskLabel(l.Label, Math.Round(l.Probability, 4)))],
        analysis.Routing.Signal,
        analysis.Routing.Explanation);
}
