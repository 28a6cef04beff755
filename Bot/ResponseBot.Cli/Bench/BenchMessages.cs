using System.Globalization;
using ResponseBot.Knowledge.Transfer;

namespace ResponseBot.Cli.Bench;

/// <summary>One message of the load: who sends what, under which WeChat MsgId.</summary>
internal readonly record struct BenchMessage(string OpenId, string Text, long MsgId);

/// <summary>
/// The messages the bench sends: the demo knowledge base's questions and their alternate wordings, with some
/// out-of-scope questions, small talk and follow-ups mixed in, from many users in turn. The <c>n</c>th message comes
/// from user <c>n mod users</c>, so concurrent messages are from different users and every user writes again later.
/// Every message has a MsgId of its own, across modes too. Thread-safe.
/// </summary>
internal sealed class BenchMessages
{
    /// <summary>The demo knowledge base, copied into the program's folder by the build.</summary>
    public const string DemoFile = "data/kb/demo.jsonl";

    // What people also send a 公众号: questions it cannot answer (fallback, and after two a hand-off), greetings and
    // thanks, and replies to an answer (a choice, a verdict).
    private static readonly string[] Others =
    [
        "今天天气怎么样", "附近有什么好吃的饭店", "帮我订一张去北京的机票", "个人所得税怎么退", "孩子上小学怎么报名",
        "你好", "在吗", "谢谢", "你是机器人吗", "好的谢谢", "1", "满意", "不满意",
    ];

    private readonly IReadOnlyList<string> _texts;
    private readonly int _users;
    private readonly long _firstMsgId;
    private long _sent = -1;

    public BenchMessages(IReadOnlyList<string> texts, int users, long firstMsgId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(texts.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        _texts = texts;
        _users = users;
        _firstMsgId = firstMsgId;
    }

    /// <summary>
    /// Messages from the demo base beside the program, for <paramref name="users"/> users, with MsgIds starting at a
    /// random point so that a service that has seen an earlier run does not drop these as repeats.
    /// </summary>
    /// <exception cref="CliException">The demo base is missing.</exception>
    public static BenchMessages Load(int users)
    {
        var path = Path.Combine(AppContext.BaseDirectory, DemoFile);
        if (!File.Exists(path))
        {
            throw new CliException($"{path} is missing; it is copied there by building the command line");
        }

        List<string> texts;
        using (var file = File.OpenRead(path))
        {
            texts = [.. EntryFiles.Read(file, EntryFormat.JsonLines)
                .Where(row => row.Entry is not null)
                .SelectMany(row => row.Entry!.Alternates.Prepend(row.Entry.Question))];
        }

        texts.AddRange(Others);
        return new BenchMessages(texts, users, Random.Shared.NextInt64(1L << 40, 1L << 60));
    }

    public BenchMessage Next()
    {
        var sequence = Interlocked.Increment(ref _sent);
        return new BenchMessage(OpenId(sequence % _users), _texts[(int)(sequence % _texts.Count)], _firstMsgId + sequence);
    }

    // 28 characters, like a real OpenID.
    private static string OpenId(long user) => "oBench" + user.ToString("D22", CultureInfo.InvariantCulture);
}
