using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Cli.Tests.Evaluation;

public sealed class EvalSetTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("responsebot-evalset-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void ReadKnowledgeBase_MinimalLine_FillsDefaults()
    {
        var path = Write("kb.jsonl", "{\"id\":\"a\",\"question\":\"上云补贴\"}", "", "{\"id\":\"b\",\"question\":\"技改\",\"department\":\"tech_upgrade\",\"topics\":null}");

        var entries = EvalSet.ReadKnowledgeBase(path);

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0].Alternates, Is.Empty);
        Assert.That(entries[0].Topics, Is.Empty);
        Assert.That(entries[0].Answer, Is.Empty);
        Assert.That(entries[0].Department, Is.EqualTo("office"));
        Assert.That(entries[1].Department, Is.EqualTo("tech_upgrade"));
    }

    [TestCase("{\"question\":\"x\"}", "line 2: \"id\" is missing")]
    [TestCase("[1,2]", "line 2: expected a JSON object")]
    [TestCase("{\"id\":\"b\",\"question\":\"x\",\"alternates\":\"y\"}", "line 2: \"alternates\" must be an array")]
    [TestCase("{\"id\":\"a\",\"question\":\"x\"}", "line 2: the id \"a\" appears twice")]
    public void ReadKnowledgeBase_BadSecondLine_NamesFileAndLine(string line, string expected)
    {
        var path = Write("kb.jsonl", "{\"id\":\"a\",\"question\":\"上云补贴\"}", line);

        var error = Assert.Throws<EvalInputException>(() => EvalSet.ReadKnowledgeBase(path));

        Assert.That(error!.Message, Does.StartWith("kb.jsonl ").And.Contain(expected));
    }

    [Test]
    public void ReadQueries_MissingOrNullExpected_IsNull()
    {
        var path = Write("q.jsonl", "{\"query\":\"x\"}", "{\"query\":\"y\",\"expected\":null}", "{\"query\":\"z\",\"expected\":\"a\"}");

        var queries = EvalSet.ReadQueries(path, new HashSet<string> { "a" });

        Assert.That(queries, Is.EqualTo(new[] { new EvalQuery("x", null), new EvalQuery("y", null), new EvalQuery("z", "a") }));
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
