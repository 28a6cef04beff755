using ResponseBot.Bot.State;

namespace ResponseBot.Bot.Turns;

/// <summary>Runs the rest of the turn after a middleware: the next middleware, or the bot.</summary>
public delegate Task<BotReply> TurnHandler(TurnContext turn, CancellationToken cancellationToken);

/// <summary>One message on its way through the middleware to the bot.</summary>
/// <param name="message">The message being handled.</param>
/// <param name="receivedAt">When this service received it, by its own clock.</param>
public sealed class TurnContext(InboundMessage message, DateTimeOffset receivedAt)
{
    /// <summary>The message being handled.</summary>
    public InboundMessage Message { get; } = message;

    /// <summary>When this service received the message.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The conversation the message belongs to.</summary>
    public ConversationKey Conversation => new(Message.Channel, Message.UserId);

    /// <summary>Identifies this delivery across retries and instances: channel, user and the channel's message id.</summary>
    public string DeliveryKey => $"{Message.Channel}:{Message.UserId}:{Message.MessageId}";

    /// <summary>
    /// What the insight models read in the message (sentiment, hot topic, department), set by the analysis step for
    /// text messages; <see langword="null"/> when nothing was analysed.
    /// </summary>
    public InquiryAnalysis? Analysis { get; set; }
}

/// <summary>
/// A step every message passes through before and after the bot (deduplication, ordering, rate limit, logging).
/// It may answer by itself without calling <c>next</c>.
/// </summary>
public interface ITurnMiddleware
{
    /// <summary>Handles the turn, usually by calling <paramref name="next"/> and passing its reply on.</summary>
    Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken);
}

/// <summary>Decides what to say to one message: the dialogue itself.</summary>
public interface IBot
{
    /// <summary>The reply to the turn's message.</summary>
    Task<BotReply> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
