using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Bot.Answering;

/// <summary>A numbered choice the user can reply with: a clarification candidate or a follow-up prompt.</summary>
public sealed record ReplyChoice(int Number, string Text, string EntryId);

/// <summary>One ranked entry behind a reply, for operators and logs; <see cref="Score"/> is calibrated to 0–1.</summary>
public sealed record ReplyHit(string EntryId, string Question, double Score);

/// <summary>A department code from taxonomy.json and the name people see.</summary>
public sealed record DepartmentRef(string Code, string Name);

/// <summary>
/// What the bot says to one question, independent of the channel that renders it.
/// </summary>
/// <param name="Tier">Answer outright, offer numbered choices, or say plainly there is no answer yet.</param>
/// <param name="Text">The whole text to show the user.</param>
/// <param name="Answer">The entry's answer when <paramref name="Tier"/> is <see cref="AnswerTier.Answer"/>.</param>
/// <param name="Choices">Clarify: the candidate questions. Answer: the entry's follow-up prompts. Fallback: none.</param>
/// <param name="Hits">Every ranked entry with its score, best first.</param>
/// <param name="Department">Who owns the matter: the answering entry's department, else the best hit's, else 办公室.</param>
/// <param name="EntryId">The answering entry, when there is one.</param>
/// <param name="EntryVersion">The version of the answering entry.</param>
/// <param name="SnapshotVersion">The published snapshot the reply comes from.</param>
/// <param name="Link">The answering entry's news link, when it has one.</param>
public sealed record KnowledgeReply(
    AnswerTier Tier,
    string Text,
    string? Answer,
    IReadOnlyList<ReplyChoice> Choices,
    IReadOnlyList<ReplyHit> Hits,
    DepartmentRef? Department,
    string? EntryId,
    int? EntryVersion,
    int SnapshotVersion,
    NewsLink? Link);
