namespace ResponseBot.Bot.Records;

/// <summary>
/// The durable record of conversations: interactions, feedback and work orders, kept across restarts. SQLite keeps
/// it on one instance, Redis for many; Redis keeps interactions and feedback for a retention period (400 days unless
/// configured), work orders for good.
/// </summary>
public interface IConversationRecords
{
    /// <summary>Stores an interaction; a second one with the same <see cref="Interaction.Id"/> is ignored.</summary>
    /// <returns><see langword="true"/> when it was stored, <see langword="false"/> for a repeat.</returns>
    Task<bool> AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken);

    /// <summary>The newest interactions first, optionally of one channel and user, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Interaction>> ListInteractionsAsync(
        string? channel, string? userId, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a verdict.</summary>
    Task AddFeedbackAsync(Feedback feedback, CancellationToken cancellationToken);

    /// <summary>The newest verdicts first, optionally on one entry, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Feedback>> ListFeedbackAsync(string? entryId, int limit, CancellationToken cancellationToken);

    /// <summary>Verdicts summed per entry, most dissatisfied first.</summary>
    Task<IReadOnlyList<FeedbackSummary>> SummarizeFeedbackAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new work order and gives it its id; <see cref="WorkOrder.Id"/> of the argument is ignored.
    /// </summary>
    Task<WorkOrder> CreateWorkOrderAsync(WorkOrder order, CancellationToken cancellationToken);

    /// <summary>The work order, or <see langword="null"/>.</summary>
    Task<WorkOrder?> GetWorkOrderAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest work orders first, optionally of one department or status, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WorkOrder>> ListWorkOrdersAsync(
        string? department, WorkOrderStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a user who left: their interactions and feedback are deleted, and their work orders keep the matter
    /// but lose the user id and contacts. Returns how many records were deleted or anonymised.
    /// </summary>
    Task<int> ForgetUserAsync(string channel, string userId, CancellationToken cancellationToken);
}
