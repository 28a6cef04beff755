using ResponseBot.Bot.Turns;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>One data set of a model's training data: its name, its examples and how much each counts.</summary>
/// <param name="Name">Short name for the model card.</param>
/// <param name="Examples">The labelled texts.</param>
public sealed record TrainingSet(string Name, IReadOnlyList<LabelledText> Examples);

/// <summary>Where the training data comes from.</summary>
/// <param name="Domain">The team-written labelled inquiries (train-*.jsonl), never the dev files.</param>
/// <param name="KnowledgeBases">Knowledge bases (entries with departments and topics) with their labelled queries.</param>
/// <param name="SharedData">The public data folder, or <see langword="null"/> to train on the project's own data alone.</param>
public sealed record TrainingSources(
    IReadOnlyList<LabelledInquiry> Domain,
    IReadOnlyList<(string Name, IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<EvalQuery> Queries)> KnowledgeBases,
    string? SharedData);

/// <summary>
/// The data each shipped model is trained on, in one place so the command, the model cards and the tests agree.
/// <list type="bullet">
/// <item>Sentiment: SMP2020-EWECT <c>virus_train</c>, a balanced sample of three review sets (weighted down: they
/// have no neutral class), and the domain inquiries weighted up (they are what production looks like); the knowledge
/// bases' questions as neutral examples. The sentiment word lists of <c>shared/data/lexicon</c> are left out: as
/// one-word examples they cost 7 points of macro-F1 on SMP2020's general evaluation set, even weighted down to 0.05.</item>
/// <item>Topic and department: the domain inquiries, plus the knowledge bases' questions, alternates and labelled
/// queries with their entry's department and topic (weighted down: they are FAQ wording, not inquiries).</item>
/// </list>
/// </summary>
public static class InsightRecipe
{
    /// <summary>How much a domain inquiry counts against one public example in the sentiment model.</summary>
    public const float DomainSentimentWeight = 4f;

    /// <summary>How much a knowledge-base question counts against one domain inquiry.</summary>
    public const float KnowledgeWeight = 0.5f;

    /// <summary>Review texts taken per polarity from each review set.</summary>
    public const int ReviewsPerLabel = 1500;

    /// <summary>How much a review counts against one SMP2020 post.</summary>
    public const float ReviewWeight = 0.2f;

    private static readonly string[] ReviewFiles =
        ["sentiment/ChnSentiCorp_htl_all.csv", "sentiment/waimai_10k.csv", "sentiment/online_shopping_10_cats.csv"];

    /// <summary>The sentiment model's training sets.</summary>
    public static IReadOnlyList<TrainingSet> Sentiment(TrainingSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var sets = new List<TrainingSet>();
        if (sources.SharedData is { } data)
        {
            sets.Add(new TrainingSet("SMP2020-EWECT virus_train", SentimentCorpus.ReadEwect(Path.Combine(data, SentimentCorpus.VirusTrain))));
            foreach (var file in ReviewFiles.Where(f => File.Exists(Path.Combine(data, f))))
            {
                var reviews = SentimentCorpus.ReadReviews(Path.Combine(data, file));
                var sample = SentimentCorpus.Sample(reviews, ReviewsPerLabel, maxLength: 200, seed: InsightTrainer.Seed);
                sets.Add(new TrainingSet(Path.GetFileNameWithoutExtension(file), Weighted(sample, ReviewWeight)));
            }
        }

        sets.Add(new TrainingSet(InsightTraining.DomainSet, Weighted(Labelled(sources.Domain, d => d.Sentiment), DomainSentimentWeight)));
        sets.Add(new TrainingSet("knowledge-base questions (neutral)", Weighted(
            KnowledgeTexts(sources).Select(k => new LabelledText(k.Text, "neutral")), KnowledgeWeight)));
        return sets;
    }

    /// <summary>The hot-topic model's training sets.</summary>
    public static IReadOnlyList<TrainingSet> Topic(TrainingSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return
        [
            new TrainingSet(InsightTraining.DomainSet, Labelled(sources.Domain, d => d.Topic)),
            new TrainingSet("knowledge-base questions", Weighted(KnowledgeTexts(sources)
                .Where(k => k.Entry.Topics.Count <= 1)
                .Select(k => new LabelledText(k.Text, k.Entry.Topics.Count == 1 ? k.Entry.Topics[0] : InquiryAnalysis.NoTopic)), KnowledgeWeight)),
        ];
    }

    /// <summary>The department model's training sets.</summary>
    public static IReadOnlyList<TrainingSet> Department(TrainingSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return
        [
            new TrainingSet(InsightTraining.DomainSet, Labelled(sources.Domain, d => d.Department)),
            new TrainingSet("knowledge-base questions", Weighted(
                KnowledgeTexts(sources).Select(k => new LabelledText(k.Text, k.Entry.Department)), KnowledgeWeight)),
        ];
    }

    /// <summary>The inquiries that have the label <paramref name="label"/> reads, with that label.</summary>
    public static IReadOnlyList<LabelledText> Labelled(IEnumerable<LabelledInquiry> inquiries, Func<LabelledInquiry, string?> label)
    {
        ArgumentNullException.ThrowIfNull(inquiries);
        ArgumentNullException.ThrowIfNull(label);
        return inquiries
            .Select(d => (d.Text, Label: label(d)))
            .Where(d => d.Label is not null)
            .Select(d => new LabelledText(d.Text, d.Label!))
            .ToList();
    }

    /// <summary>Every question, alternate and labelled query of the knowledge bases, with its entry; no repeats.</summary>
    private static IEnumerable<(string Text, KnowledgeEntry Entry)> KnowledgeTexts(TrainingSources sources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, entries, queries) in sources.KnowledgeBases)
        {
            var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
            var texts = entries
                .Where(e => e.Status == EntryStatus.Published)
                .SelectMany(e => e.Alternates.Prepend(e.Question).Select(t => (t, e)))
                .Concat(queries
                    .Where(q => q.Expected is not null && byId.ContainsKey(q.Expected))
                    .Select(q => (q.Query, byId[q.Expected!])));
            foreach (var (text, entry) in texts)
            {
                if (seen.Add(text))
                {
                    yield return (text, entry);
                }
            }
        }
    }

    private static List<LabelledText> Weighted(IEnumerable<LabelledText> items, float weight) =>
        items.Select(t => t with { Weight = t.Weight * weight }).ToList();
}
