using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Answering;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.State;
using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Bot.Dialogue;

/// <summary>
/// The dialogue, the same on every channel: answer (with follow-up prompts as numbered choices), clarify (the user
/// replies with a number or new words), fall back (say so, name the department, offer 转人工), hand off (a work
/// order for the department of the best match), and take feedback on answers. Greetings, thanks and "你是谁" get
/// kind replies, a new follower a welcome, and a follower who leaves is forgotten.
/// </summary>
internal sealed class DialogueBot(
    KnowledgeResponder responder,
    IConversationStore conversations,
    IConversationRecords records,
    TimeProvider time,
    IOptions<BotOptions> options,
    ILogger<DialogueBot> logger) : IBot
{
    public async Task<BotReply> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var message = turn.Message;
        switch (message.Kind)
        {
            case InboundKind.Subscribe:
                await conversations.DeleteAsync(turn.Conversation, cancellationToken).ConfigureAwait(false);
                return new BotReply(ReplyKind.Welcome, options.Value.WelcomeText);
            case InboundKind.Unsubscribe:
                await ForgetAsync(turn, cancellationToken).ConfigureAwait(false);
                return BotReply.Silent;
            case InboundKind.Ignored:
                return BotReply.Silent;
            case InboundKind.Unsupported:
                return new BotReply(ReplyKind.Unsupported, Replies.Unsupported(message.Media));
        }

        var state = await conversations.GetAsync(turn.Conversation, cancellationToken).ConfigureAwait(false) ?? new ConversationState();
        var (reply, next) = message.Kind == InboundKind.Menu
            ? Menu(message.EntryIds, state)
            : await ConverseAsync(turn, Remember(state, message.Text), cancellationToken).ConfigureAwait(false);
        await conversations.SaveAsync(
            turn.Conversation, next with { UpdatedAt = time.GetUtcNow() },
            TimeSpan.FromMinutes(options.Value.ConversationTtlMinutes), cancellationToken).ConfigureAwait(false);
        return reply;
    }

    private async Task<(BotReply Reply, ConversationState State)> ConverseAsync(
        TurnContext turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = turn.Message.Text;
        var folded = Utterance.Fold(text);
        if (folded.Length == 0)
        {
            return (new BotReply(ReplyKind.SmallTalk, Replies.Empty), state);
        }

        if (text.Length > options.Value.MaxQuestionChars)
        {
            return (new BotReply(ReplyKind.Unsupported, Replies.TooLong(options.Value.MaxQuestionChars)), state);
        }

        if (Utterance.IsHandoffRequest(folded))
        {
            return await HandOffAsync(turn, state, HandoffReason.Requested, cancellationToken).ConfigureAwait(false);
        }

        if (Utterance.TryReadNumber(folded, out var number))
        {
            // Numbers pick a choice when choices are on offer; after an answer without any, 1 / 0 rate it.
            if (state.Choices.FirstOrDefault(c => c.Number == number) is { } choice)
            {
                return Show(choice.EntryId, state);
            }

            if (state.AwaitingFeedback && (number == 0 || (number == 1 && state.Choices.Count == 0)))
            {
                return await FeedbackAsync(turn, state, satisfied: number == 1, cancellationToken).ConfigureAwait(false);
            }

            if (state.Choices.Count > 0)
            {
                return (new BotReply(ReplyKind.Clarify, Replies.ChooseInRange(state.Choices.Count)) { Choices = state.Choices }, state);
            }
        }

        if (state.AwaitingFeedback && Utterance.ReadVerdict(folded) is { } verdict)
        {
            return await FeedbackAsync(turn, state, verdict, cancellationToken).ConfigureAwait(false);
        }

        var smallTalk = Utterance.ReadSmallTalk(folded);
        if (smallTalk != SmallTalk.None)
        {
            return (new BotReply(ReplyKind.SmallTalk, Replies.For(smallTalk)), state);
        }

        return await AskAsync(turn, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(BotReply, ConversationState)> AskAsync(TurnContext turn, ConversationState state, CancellationToken cancellationToken)
    {
        // The routing model's department, when the question was analysed, is the one a fallback and a hand-off name.
        var knowledge = responder.Ask(turn.Message.Text, turn.Message.Channel, turn.Analysis?.Routing.Department);
        var asked = state with { LastQuestion = PersonalData.Mask(turn.Message.Text), Department = knowledge.Department?.Code ?? state.Department };
        switch (knowledge.Tier)
        {
            case AnswerTier.Answer:
                return (AnswerReply(knowledge), Answered(asked, knowledge));
            case AnswerTier.Clarify:
                return (new BotReply(ReplyKind.Clarify, knowledge.Text)
                {
                    Choices = knowledge.Choices, Department = knowledge.Department, Knowledge = knowledge,
                }, asked with { Choices = knowledge.Choices, AwaitingFeedback = false });
        }

        var fallbacks = asked with { FallbacksInARow = state.FallbacksInARow + 1, Choices = [], AwaitingFeedback = false };
        if (fallbacks.FallbacksInARow >= options.Value.HandoffAfterFallbacks && state.WorkOrderId is null)
        {
            var (handoff, handedOff) = await HandOffAsync(turn, fallbacks, HandoffReason.RepeatedFallback, cancellationToken).ConfigureAwait(false);
            return (handoff with { Text = knowledge.Text + "\n\n" + handoff.Text, Knowledge = knowledge }, handedOff);
        }

        return (new BotReply(ReplyKind.Fallback, knowledge.Text) { Department = knowledge.Department, Knowledge = knowledge }, fallbacks);
    }

    private (BotReply, ConversationState) Show(string entryId, ConversationState state)
    {
        if (responder.Show(entryId) is not { } knowledge)
        {
            return (new BotReply(ReplyKind.Fallback, Replies.ChoiceGone), state with { Choices = [] });
        }

        return (AnswerReply(knowledge), Answered(state with { Department = knowledge.Department?.Code }, knowledge));
    }

    private (BotReply, ConversationState) Menu(IReadOnlyList<string> entryIds, ConversationState state)
    {
        var choices = responder.ChoicesFor(entryIds);
        if (choices.Count == 0)
        {
            return (new BotReply(ReplyKind.Menu, Replies.EmptyMenu), state with { Choices = [] });
        }

        if (choices.Count == 1)
        {
            return Show(choices[0].EntryId, state);
        }

        var text = new StringBuilder("您可能想了解：\n");
        AppendChoices(text, choices);
        text.Append("请回复数字查看，或直接输入您的问题。");
        return (new BotReply(ReplyKind.Menu, text.ToString()) { Choices = choices }, state with { Choices = choices, AwaitingFeedback = false });
    }

    private static BotReply AnswerReply(KnowledgeReply knowledge)
    {
        var text = new StringBuilder(knowledge.Answer);
        if (knowledge.Link is { } link)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n详见：{link.Title} {link.Url}");
        }

        if (knowledge.Choices.Count > 0)
        {
            text.Append("\n\n您可能还想了解：\n");
            AppendChoices(text, knowledge.Choices);
            text.Append("回复数字查看。对本次解答满意请回复“满意”，不满意请回复“不满意”。");
        }
        else
        {
            text.Append("\n\n对本次解答满意请回复 1，不满意请回复 0。");
        }

        return new BotReply(ReplyKind.Answer, text.ToString())
        {
            Choices = knowledge.Choices, EntryId = knowledge.EntryId, Department = knowledge.Department, Knowledge = knowledge,
        };
    }

    private static ConversationState Answered(ConversationState state, KnowledgeReply knowledge) => state with
    {
        Choices = knowledge.Choices,
        LastEntryId = knowledge.EntryId,
        LastEntryVersion = knowledge.EntryVersion,
        AwaitingFeedback = true,
        FallbacksInARow = 0,
    };

    private async Task<(BotReply, ConversationState)> FeedbackAsync(
        TurnContext turn, ConversationState state, bool satisfied, CancellationToken cancellationToken)
    {
        var message = turn.Message;
        await records.AddFeedbackAsync(
            new Feedback(message.Channel, message.UserId, state.LastEntryId!, state.LastEntryVersion, satisfied, turn.ReceivedAt),
            cancellationToken).ConfigureAwait(false);
        var text = satisfied ? Replies.ThanksForFeedback : Replies.SorryForFeedback;
        return (new BotReply(ReplyKind.Feedback, text) { EntryId = state.LastEntryId }, state with { AwaitingFeedback = false, Choices = [] });
    }

    private async Task<(BotReply, ConversationState)> HandOffAsync(
        TurnContext turn, ConversationState state, HandoffReason reason, CancellationToken cancellationToken)
    {
        var department = responder.DepartmentOf(state.Department ?? KnowledgeResponder.DefaultDepartment);
        if (state.WorkOrderId is { } existing)
        {
            return (new BotReply(ReplyKind.Handoff, Replies.AlreadyHandedOff(existing, department.Name))
            {
                WorkOrderId = existing, Department = department,
            }, state);
        }

        var message = turn.Message;
        var recent = await records.ListInteractionsAsync(message.Channel, message.UserId, options.Value.TranscriptLines, cancellationToken)
            .ConfigureAwait(false);
        var transcript = recent
            .Reverse()
            .SelectMany(i => new[] { new TranscriptLine(i.At, true, i.Text), new TranscriptLine(i.At, false, i.ReplyText) })
            .Append(new TranscriptLine(turn.ReceivedAt, true, PersonalData.Mask(message.Text)))
            .ToList();
        var order = await records.CreateWorkOrderAsync(
            new WorkOrder(
                string.Empty, message.Channel, message.UserId, department.Code, reason,
                state.LastQuestion ?? PersonalData.Mask(message.Text), transcript, state.Contacts, WorkOrderStatus.Open, turn.ReceivedAt),
            cancellationToken).ConfigureAwait(false);
        Log.WorkOrderCreated(logger, order.Id, department.Code, message.Channel, reason);
        return (new BotReply(ReplyKind.Handoff, Replies.HandedOff(order.Id, department.Name, state.Contacts.Count > 0))
        {
            WorkOrderId = order.Id, Department = department,
        }, state with { WorkOrderId = order.Id, FallbacksInARow = 0, Choices = [], AwaitingFeedback = false });
    }

    private async Task ForgetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        await conversations.DeleteAsync(turn.Conversation, cancellationToken).ConfigureAwait(false);
        var forgotten = await records.ForgetUserAsync(turn.Message.Channel, turn.Message.UserId, cancellationToken).ConfigureAwait(false);
        Log.UserForgotten(logger, turn.Message.Channel, new Pseudonym(turn.Message.UserId), forgotten);
    }

    // Phone numbers given anywhere in the conversation go with a later work order.
    private static ConversationState Remember(ConversationState state, string text)
    {
        var phones = PersonalData.FindPhoneNumbers(text);
        return phones.Count == 0 ? state : state with { Contacts = state.Contacts.Union(phones, StringComparer.Ordinal).TakeLast(5).ToList() };
    }

    private static void AppendChoices(StringBuilder text, IEnumerable<ReplyChoice> choices)
    {
        foreach (var choice in choices)
        {
            text.Append(CultureInfo.InvariantCulture, $"{choice.Number}. {choice.Text}\n");
        }
    }
}
