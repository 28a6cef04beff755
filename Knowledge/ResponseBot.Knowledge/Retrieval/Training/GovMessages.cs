using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>
/// Citizens' messages to a provincial government message board (泰迪杯 2020 C, under <c>shared/data/gov</c>): a
/// subject line and the story behind it. They teach the re-ranker two things our base needs: a long story with the
/// question buried inside still belongs to its short subject, and people's everyday matters (housing, traffic,
/// schools) are not the commission's — the right answer to them is the fallback.
/// </summary>
public static class GovMessages
{
    /// <summary>Subject and detail of every message in a CSV with columns 留言主题 and 留言详情.</summary>
    public static IReadOnlyList<(string Subject, string Detail)> Read(string path) =>
        CsvColumns.Read(path, "留言主题", "留言详情")
            .Select(row => (Subject: row.Values[0], Detail: row.Values[1]))
            .Where(m => m.Subject.Length > 0 && m.Detail.Length > 0)
            .ToList();

    /// <summary>
    /// A base of subjects, asked with the first <paramref name="storyLength"/> characters of each story.
    /// </summary>
    public static RetrievalSet SubjectsAskedByStory(IReadOnlyList<(string Subject, string Detail)> messages, int storyLength)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var entries = new List<KnowledgeEntry>();
        var queries = new List<EvalQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (subject, detail) in messages)
        {
            if (!ids.Add(subject))
            {
                continue;
            }

            var id = $"gov{entries.Count + 1:D5}";
            entries.Add(new KnowledgeEntry { Id = id, Question = subject, Answer = subject, Department = "office" });
            queries.Add(new EvalQuery(detail.Length > storyLength ? detail[..storyLength] : detail, id));
        }

        return new RetrievalSet("gov-stories", entries, queries);
    }
}
