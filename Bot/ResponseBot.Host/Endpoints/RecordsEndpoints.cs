using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using ResponseBot.Bot.Records;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Host.Endpoints;

/// <summary>
/// <c>/api/workorders</c>, <c>/api/feedback</c>, <c>/api/interactions</c>: read the conversation records. Texts are
/// stored masked; contact numbers are masked in listings and whole only for one work order, which the handling
/// department needs to call back.
/// </summary>
internal static class RecordsEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapRecordsEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/workorders").WithTags("Work orders");
        orders.MapGet(string.Empty, ListWorkOrders)
            .WithName(nameof(ListWorkOrders))
            .WithSummary("List work orders")
            .WithDescription(
                "Newest first, optionally of one department code from taxonomy.json and one status (open, closed). " +
                "Contact numbers are masked; an unknown code or status, or a limit outside 1–500, is a 400.");
        orders.MapGet("/{id}", GetWorkOrder)
            .WithName(nameof(GetWorkOrder))
            .WithSummary("Get one work order")
            .WithDescription("The order with the contact numbers whole, for the department that calls back; 404 for an unknown id.");

        var feedback = app.MapGroup("/api/feedback").WithTags("Feedback");
        feedback.MapGet(string.Empty, ListFeedback)
            .WithName(nameof(ListFeedback))
            .WithSummary("List feedback")
            .WithDescription("满意 / 不满意 verdicts, newest first, optionally on one entry; a limit outside 1–500 is a 400.");
        feedback.MapGet("/summary", SummarizeFeedback)
            .WithName(nameof(SummarizeFeedback))
            .WithSummary("Feedback per entry")
            .WithDescription("Verdicts summed per entry, the most dissatisfied first: the entries editors should look at first.");

        app.MapGet("/api/interactions", ListInteractions)
            .WithName(nameof(ListInteractions))
            .WithTags("Interactions")
            .WithSummary("List interactions")
            .WithDescription(
                "Handled messages and their replies, newest first, optionally of one channel or one user of a channel. " +
                "Texts are masked. A user id without its channel, or a limit outside 1–500, is a 400.");
        return app;
    }

    internal static async Task<Results<Ok<WorkOrderList>, ValidationProblem>> ListWorkOrders(
        IConversationRecords records,
        Taxonomy taxonomy,
        CancellationToken cancellationToken,
        [Description("A department code from taxonomy.json, e.g. sme.")] string? department = null,
        [Description("open or closed.")] string? status = null,
        [Description("How many orders, 1–500; 50 when omitted.")] int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (department is not null && !taxonomy.Departments.ContainsKey(department))
        {
            errors["department"] = [$"Unknown department code '{department}'. Known codes: {string.Join(", ", taxonomy.Departments.Keys)}."];
        }

        WorkOrderStatus? statusValue = null;
        if (status is not null)
        {
            if (RecordNames.TryParse<WorkOrderStatus>(status, out var parsed))
            {
                statusValue = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'. Known statuses: {string.Join(", ", RecordNames.All<WorkOrderStatus>())}."];
            }
        }

        var count = CheckLimit(limit, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var orders = await records.ListWorkOrdersAsync(department, statusValue, count, cancellationToken);
        return TypedResults.Ok(new WorkOrderList(orders.Count, [.. orders.Select(o => WorkOrderResponse.From(o, maskContacts: true))]));
    }

    internal static async Task<Results<Ok<WorkOrderResponse>, ProblemHttpResult>> GetWorkOrder(
        string id, IConversationRecords records, CancellationToken cancellationToken)
    {
        return await records.GetWorkOrderAsync(id, cancellationToken) is { } order
            ? TypedResults.Ok(WorkOrderResponse.From(order, maskContacts: false))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Work order not found",
                detail: $"No work order has the id '{id}'.");
    }

    internal static async Task<Results<Ok<FeedbackList>, ValidationProblem>> ListFeedback(
        IConversationRecords records,
        CancellationToken cancellationToken,
        [Description("An entry id, e.g. enterprise-cloud.")] string? entryId = null,
        [Description("How many verdicts, 1–500; 50 when omitted.")] int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var count = CheckLimit(limit, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var feedback = await records.ListFeedbackAsync(entryId, count, cancellationToken);
        return TypedResults.Ok(new FeedbackList(feedback.Count, [.. feedback.Select(FeedbackResponse.From)]));
    }

    internal static async Task<Ok<FeedbackSummaryList>> SummarizeFeedback(
        IConversationRecords records, CancellationToken cancellationToken)
    {
        var summaries = await records.SummarizeFeedbackAsync(cancellationToken);
        return TypedResults.Ok(new FeedbackSummaryList(
            summaries.Count,
            [.. summaries.Select(s => new FeedbackSummaryResponse(s.EntryId, s.Satisfied, s.Dissatisfied, s.Satisfied + s.Dissatisfied))]));
    }

    internal static async Task<Results<Ok<InteractionList>, ValidationProblem>> ListInteractions(
        IConversationRecords records,
        CancellationToken cancellationToken,
        [Description("A channel, e.g. wechat.")] string? channel = null,
        [Description("A user id of that channel; needs channel.")] string? userId = null,
        [Description("How many interactions, 1–500; 50 when omitted.")] int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (userId is not null && channel is null)
        {
            errors["userId"] = ["userId names a user only within a channel: give channel too, e.g. channel=wechat."];
        }

        var count = CheckLimit(limit, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var interactions = await records.ListInteractionsAsync(channel, userId, count, cancellationToken);
        return TypedResults.Ok(new InteractionList(interactions.Count, [.. interactions.Select(InteractionResponse.From)]));
    }

    /// <summary>The limit to use; records a problem in <paramref name="errors"/> when it is out of range.</summary>
    private static int CheckLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}; it was {limit}."];
        }

        return limit ?? DefaultLimit;
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));
}
