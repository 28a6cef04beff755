using Microsoft.Extensions.Logging;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Records;

namespace ResponseBot.Bot.Turns.Middleware;

/// <summary>
/// Logs each turn with personal data masked, and stores it as an <see cref="Interaction"/> for editors and reports:
/// one record per delivery, whichever instance handled it.
/// </summary>
internal sealed class RecordingMiddleware(
    IConversationRecords records, TimeProvider time, ILogger<RecordingMiddleware> logger) : ITurnMiddleware
{
    public async Task<BotReply> InvokeAsync(TurnContext turn, TurnHandler next, CancellationToken cancellationToken)
    {
        var message = turn.Message;
        var user = new Pseudonym(message.UserId);
        var maskedText = PersonalData.Mask(message.Text);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.Received(logger, message.Channel, message.Kind, user, maskedText);
        }

        var started = time.GetTimestamp();
        var reply = await next(turn, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        Log.Handled(logger, message.Channel, message.Kind, user, reply.Kind, (long)elapsed.TotalMilliseconds);

        // Nothing was said (an unsubscribe has just erased this user; an ignored event is not a conversation).
        if (reply.Kind != ReplyKind.Silent)
        {
            var best = reply.Knowledge?.Hits.Count > 0 ? reply.Knowledge.Hits[0] : null;
            var analysis = turn.Analysis;
            await records.AddInteractionAsync(
                new Interaction(
                    turn.DeliveryKey, message.Channel, message.UserId, turn.ReceivedAt, message.Kind, maskedText,
                    reply.Kind, PersonalData.Mask(reply.Text), reply.EntryId ?? best?.EntryId, best?.Score,
                    reply.Department?.Code, (int)elapsed.TotalMilliseconds,
                    analysis?.Sentiment, analysis?.Topic, analysis?.Routing.Department),
                // The answer is decided: record it even if the channel stopped waiting.
                CancellationToken.None).ConfigureAwait(false);
        }

        return reply;
    }
}
