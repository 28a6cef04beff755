using System.Text.Json;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Tests.Entries;

public sealed class EntryJsonTests
{
    [Test]
    public void Serialize_Entry_UsesCamelCaseLowerCaseEnumsPlainDatesAndReadableChinese()
    {
        var entry = TestEntries.Minimal() with { EffectiveFrom = new DateOnly(2025, 1, 2) };
        var json = JsonSerializer.Serialize(entry, EntryJson.Options);

        Assert.That(json, Does.Contain("\"status\":\"published\""));
        Assert.That(json, Does.Contain("\"effectiveFrom\":\"2025-01-02\""));
        Assert.That(json, Does.Contain("专精特新"));
        Assert.That(json, Does.Not.Contain("\\u"));
        Assert.That(json, Does.Not.Contain("expiresOn").And.Not.Contain("link").And.Not.Contain("null"));
    }

    [Test]
    public void Deserialize_SerializedFullEntry_GivesAnEqualEntry()
    {
        var entry = TestEntries.Full("a", followUpTo: "b");
        var back = JsonSerializer.Deserialize<KnowledgeEntry>(JsonSerializer.Serialize(entry, EntryJson.Options), EntryJson.Options)!;
        Assert.That(EntryComparer.Differences(entry, back), Is.Empty);
    }

    [TestCase("1")]
    [TestCase("\"live\"")]
    public void Deserialize_StatusNotAName_Throws(string status)
    {
        var json = $$"""{"id":"a","question":"q","answer":"a","department":"sme","status":{{status}}}""";
        Assert.That(() => JsonSerializer.Deserialize<KnowledgeEntry>(json, EntryJson.Options), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Options_AreReadOnly() => Assert.That(EntryJson.Options.IsReadOnly, Is.True);
}
