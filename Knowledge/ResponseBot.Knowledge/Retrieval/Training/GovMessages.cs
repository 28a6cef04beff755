using CsvHelper;
using ResponseBot.Knowledge.Entries;

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
    public static IReadOnlyList<(string Subject, string Detail)> Read(string path)
    {
        using var csv = CsvReader.Create(new StreamReader(path), new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        if (!csv.Read())
        {
            return [];
        }

        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToList();
        var subjectColumn = header.IndexOf("留言主题");
        var detailColumn = header.IndexOf("留言详情");
        if (subjectColumn < 0 || detailColumn < 0)
        {
            throw new InvalidDataException($"{path} has no 留言主题/留言详情 columns.");
        }

        var messages = new List<(string, string)>();
        while (csv.Read())
        {
            if (csv.FieldCount <= Math.Max(subjectColumn, detailColumn))
            {
                continue;
            }

            var subject = csv.GetString(subjectColumn).Trim();
            var detail = csv.GetString(detailColumn).Trim();
            if (subject.Length > 0 && detail.Length > 0)
            {
                messages.Add((subject, detail));
            }
        }

        return messages;
    }

    /// <summary>
    /// A base of subjects, asked with the first <paramref name="storyLength"/> characters of each story.
    /// </summary>
    public static RetrievalSet SubjectsAskedByStory(IReadOnlyList<(string Subject, string Detail)> messages, int storyLength)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var entries = new List<KnowledgeEntry>();
        var queries = new List<LabelledQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (subject, detail) in messages)
        {
            if (!ids.Add(subject))
            {
                continue;
            }

            var id = $"gov{entries.Count + 1:D5}";
            entries.Add(new KnowledgeEntry { Id = id, Question = subject, Answer = subject, Department = "office" });
            queries.Add(new LabelledQuery(detail.Length > storyLength ? detail[..storyLength] : detail, id));
        }

        return new RetrievalSet("gov-stories", entries, queries);
    }
}
