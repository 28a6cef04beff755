using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Bot.Answering;

/// <summary>
/// Turns what the knowledge base found into what the user is told, the same way on every channel: the answer, a
/// short numbered "did you mean" list, or a plain "no answer yet" with the office to turn to.
/// </summary>
public sealed class KnowledgeResponder(
    KnowledgeBase knowledge, Taxonomy taxonomy, IOptions<KnowledgeOptions> options, ILogger<KnowledgeResponder> logger)
{
    /// <summary>Who answers when no entry points anywhere: the office handles general inquiries.</summary>
    public const string DefaultDepartment = "office";

    /// <summary>
    /// The score a fallback's best hit needs before its department is named. Below it the hit shares little more
    /// than a common character with the question (an unrelated question scores around 0.001), and naming its
    /// department would send the user to the wrong office.
    /// </summary>
    public const double DepartmentHintScore = 0.05;

    // Enough hits for a clarification list plus a few for operators to look at.
    private const int MinimumHits = 5;

    /// <summary>Searches the live knowledge base for <paramref name="text"/> and shapes the reply.</summary>
    /// <param name="text">The question.</param>
    /// <param name="channel">The channel's short name, for the log.</param>
    /// <param name="routedDepartment">
    /// The department the routing model chose for the question, when it was analysed: a fallback names it rather than
    /// the department of a weak match.
    /// </param>
    public KnowledgeReply Ask(string text, string channel, string? routedDepartment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var result = knowledge.Search(text, Math.Max(MinimumHits, options.Value.ClarifyChoices));
        var reply = Respond(result, routedDepartment);
        var best = result.Best?.Score ?? 0;
        if (reply.Tier == AnswerTier.Fallback)
        {
            Log.NoAnswer(logger, channel, best);
        }
        else
        {
            Log.Replied(logger, channel, reply.Tier, best, reply.EntryId ?? result.Best?.Entry.Id);
        }

        return reply;
    }

    /// <summary>
    /// The answer of one entry of the live snapshot, as if the question had matched it outright: what a numbered
    /// choice or a menu leads to. <see langword="null"/> when the entry is not (or no longer) published.
    /// </summary>
    public KnowledgeReply? Show(string entryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        var live = knowledge.Current;
        return live.Find(entryId) is { } entry
            ? AnswerWith(entry, live.SnapshotVersion, [new ReplyHit(entry.Id, entry.Question, 1)])
            : null;
    }

    /// <summary>The question of each of <paramref name="entryIds"/> that is published, as numbered choices.</summary>
    public IReadOnlyList<ReplyChoice> ChoicesFor(IEnumerable<string> entryIds)
    {
        ArgumentNullException.ThrowIfNull(entryIds);
        var live = knowledge.Current;
        return entryIds
            .Select(live.Find)
            .OfType<KnowledgeEntry>()
            .Select((entry, i) => new ReplyChoice(i + 1, entry.Question, entry.Id))
            .ToList();
    }

    /// <summary>The department a code stands for, with the name people see.</summary>
    public DepartmentRef DepartmentOf(string code) =>
        new(code, taxonomy.Departments.TryGetValue(code, out var name) ? name : code);

    /// <summary>Shapes the reply for a search result; a fallback names <paramref name="routedDepartment"/> when given.</summary>
    public KnowledgeReply Respond(SearchResult result, string? routedDepartment = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hits = result.Hits.Select(h => new ReplyHit(h.Entry.Id, h.Entry.Question, h.Score)).ToList();
        return result.Tier switch
        {
            AnswerTier.Answer when result.Best is { } best => AnswerWith(best.Entry, result.SnapshotVersion, hits),
            AnswerTier.Clarify when result.Hits.Count > 0 => Clarify(result, hits),
            // A tier without the hits to back it (possible with a zero threshold) has nothing to show.
            _ => Fallback(result, hits, routedDepartment),
        };
    }

    private KnowledgeReply AnswerWith(KnowledgeEntry entry, int snapshotVersion, List<ReplyHit> hits)
    {
        // A follow-up may point at an entry that was retired or is not yet published: offer only what can be answered.
        var live = knowledge.Current;
        var followUps = entry.FollowUps
            .Where(f => live.Find(f.EntryId) is not null)
            .Select((f, i) => new ReplyChoice(i + 1, f.Text, f.EntryId))
            .ToList();
        return new KnowledgeReply(
            AnswerTier.Answer, entry.Answer, entry.Answer, followUps, hits, DepartmentOf(entry.Department),
            entry.Id, entry.Version, snapshotVersion, entry.Link);
    }

    private KnowledgeReply Clarify(SearchResult result, List<ReplyHit> hits)
    {
        // Two phrasings of one entry would make two identical choices; and a runner-up far below the clarify
        // threshold is noise, not a choice (社保卡密码 must not offer 节能监察整改 at 0.001).
        var floor = options.Value.ClarifyThreshold / 2;
        var choices = result.Hits
            .DistinctBy(h => h.Entry.Id)
            .Where((h, i) => i == 0 || h.Score >= floor)
            .Take(options.Value.ClarifyChoices)
            .Select((h, i) => new ReplyChoice(i + 1, h.Entry.Question, h.Entry.Id))
            .ToList();
        var text = new StringBuilder("您是想问：\n");
        foreach (var choice in choices)
        {
            text.Append(CultureInfo.InvariantCulture, $"{choice.Number}. {choice.Text}\n");
        }

        text.Append("请回复数字选择，或换个说法再问。");
        return new KnowledgeReply(
            AnswerTier.Clarify, text.ToString(), null, choices, hits, DepartmentOf(result.Hits[0].Entry.Department),
            null, null, result.SnapshotVersion, null);
    }

    private KnowledgeReply Fallback(SearchResult result, List<ReplyHit> hits, string? routedDepartment)
    {
        var hint = routedDepartment ?? (result.Best is { Score: >= DepartmentHintScore } best ? best.Entry.Department : null);
        var department = DepartmentOf(hint ?? DefaultDepartment);
        var text = hint is null
            ? $"抱歉，这个问题知识库里暂时还没有答案。您可以咨询市经信委{department.Name}，或回复“转人工”由工作人员为您解答。"
            : $"抱歉，这个问题知识库里暂时还没有答案。这类事项一般由{department.Name}负责，您可以直接咨询{department.Name}，或回复“转人工”由工作人员为您解答。";
        return new KnowledgeReply(
            AnswerTier.Fallback, text, null, [], hits, department, null, null, result.SnapshotVersion, null);
    }
}
