using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Tests.Entries;

public sealed class TaxonomyTests
{
    [Test]
    public void LoadDefault_ShippedFile_HasDepartmentsAndHotTopicsWithChineseNames()
    {
        var taxonomy = Taxonomy.LoadDefault();
        Assert.That(taxonomy.Departments["sme"], Is.EqualTo("中小企业处"));
        Assert.That(taxonomy.Departments.Keys.First(), Is.EqualTo("office"), "file order is kept");
        Assert.That(taxonomy.HotTopics, Does.ContainKey("industrial_internet"));
    }

    [Test]
    public void Load_ItemWithoutCode_ThrowsNamingTheFile()
    {
        using var file = new TempFile(".json");
        File.WriteAllText(file.Path, """{ "departments": [ { "name": "无代码" } ], "hot_topics": [] }""");
        Assert.That(() => Taxonomy.Load(file.Path), Throws.TypeOf<InvalidDataException>().With.Message.Contain(file.Path));
    }

    [Test]
    public void Load_MissingHotTopics_Throws()
    {
        using var file = new TempFile(".json");
        File.WriteAllText(file.Path, """{ "departments": [ { "code": "a", "name": "甲" } ] }""");
        Assert.That(() => Taxonomy.Load(file.Path), Throws.TypeOf<InvalidDataException>().With.Message.Contain("hot_topics"));
    }
}
