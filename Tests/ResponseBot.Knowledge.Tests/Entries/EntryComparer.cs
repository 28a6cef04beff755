using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Tests.Entries;

/// <summary>
/// Value equality for entries: the record's own equality compares its lists by reference, so two entries read from
/// two files are never equal by it. Lists here are compared element by element.
/// </summary>
internal sealed class EntryComparer : IEqualityComparer<KnowledgeEntry>
{
    public static readonly EntryComparer Instance = new();

    public bool Equals(KnowledgeEntry? x, KnowledgeEntry? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && Differences(x, y).Count == 0);

    public int GetHashCode(KnowledgeEntry obj) => HashCode.Combine(obj.Id, obj.Version);

    /// <summary>The names of the fields that differ, for a readable failure.</summary>
    public static List<string> Differences(KnowledgeEntry x, KnowledgeEntry y)
    {
        var differences = new List<string>();
        void Check(string field, bool same)
        {
            if (!same)
            {
                differences.Add(field);
            }
        }

        Check("id", x.Id == y.Id);
        Check("question", x.Question == y.Question);
        Check("alternates", x.Alternates.SequenceEqual(y.Alternates));
        Check("answer", x.Answer == y.Answer);
        Check("link", x.Link == y.Link);
        Check("department", x.Department == y.Department);
        Check("topics", x.Topics.SequenceEqual(y.Topics));
        Check("policyReference", x.PolicyReference == y.PolicyReference);
        Check("sourceUrl", x.SourceUrl == y.SourceUrl);
        Check("effectiveFrom", x.EffectiveFrom == y.EffectiveFrom);
        Check("expiresOn", x.ExpiresOn == y.ExpiresOn);
        Check("followUps", x.FollowUps.SequenceEqual(y.FollowUps));
        Check("status", x.Status == y.Status);
        Check("version", x.Version == y.Version);
        Check("updatedBy", x.UpdatedBy == y.UpdatedBy);
        // Equal instants with equal offsets: a round trip must not move an edit to another time zone.
        Check("updatedAt", x.UpdatedAt == y.UpdatedAt && x.UpdatedAt?.Offset == y.UpdatedAt?.Offset);
        return differences;
    }

    /// <summary>Asserts the lists are equal element by element, naming the first entry and fields that differ.</summary>
    public static void AssertEqual(IReadOnlyList<KnowledgeEntry> expected, IReadOnlyList<KnowledgeEntry> actual)
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), "entry count");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.That(Differences(expected[i], actual[i]), Is.Empty, $"entry {i} ({expected[i].Id}) differs in these fields");
        }
    }
}
