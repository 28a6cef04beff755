using Microsoft.Extensions.Logging;

namespace ResponseBot.Bot.Turns;

/// <summary>
/// Runs a message through the middleware, in registration order, to the bot. This is the only way a channel hands a
/// message to the bot, and it never throws for a failed turn: the user is told to try again instead.
/// </summary>
public sealed class TurnPipeline
{
    /// <summary>What the user sees when a turn fails.</summary>
    public const string ErrorText = "抱歉，系统暂时出了点问题，请稍后再试。";

    private readonly TurnHandler _run;
    private readonly TimeProvider _time;
    private readonly ILogger<TurnPipeline> _logger;

    /// <summary>Composes <paramref name="middleware"/> (outermost first) around <paramref name="bot"/>.</summary>
    public TurnPipeline(IEnumerable<ITurnMiddleware> middleware, IBot bot, TimeProvider time, ILogger<TurnPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ArgumentNullException.ThrowIfNull(bot);
        _time = time;
        _logger = logger;
        TurnHandler run = bot.OnTurnAsync;
        foreach (var step in middleware.Reverse())
        {
            var next = run;
            run = (turn, cancellationToken) => step.InvokeAsync(turn, next, cancellationToken);
        }

        _run = run;
    }

    /// <summary>Handles one message and returns what to say; a failure becomes <see cref="ReplyKind.Error"/>.</summary>
    public async Task<BotReply> RunAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var turn = new TurnContext(message, _time.GetUtcNow());
        try
        {
            return await _run(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A channel shows an error as "service unavailable" and retries; a polite reply is better for the user,
            // and the retry would be dropped as a duplicate anyway.
            Log.TurnFailed(_logger, message.Channel, message.Kind, ex);
            return new BotReply(ReplyKind.Error, ErrorText);
        }
    }
}
