using System.Text.Json;
using System.Text.RegularExpressions;
using ResponseBot.Bot.Turns;
using ResponseBot.Cli.Commands;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Cli.Tests;

// The command reads its classifier from a static hook; these tests swap a scripted one in, one test at a time.
[NonParallelizable]
public sealed partial class EvalClassifyCommandTests
{
    // Five inquiries and what the scripted classifier (KeywordClassifier below) makes of them:
    //                                        truth                               predicted
    // 1 新能源汽车充电桩补贴…                  neutral  nev                  auto     neutral  nev   auto
    // 2 专精特新企业认定…                      neutral  sme                  sme      neutral  sme   sme
    // 3 投诉：贷款…                            negative sme                  sme      negative none  sme
    // 4 谢谢…                                  positive none                 office   positive none  office
    // 5 企业上云补贴… (markup, quotes)         negative industrial_internet  informatization
    //                                                                                 neutral  none  office (2nd: informatization)
    private static readonly string[] Lines =
    [
        """{"text":"新能源汽车充电桩补贴怎么申请","department":"auto","topic":"nev","sentiment":"neutral"}""",
        """{"text":"专精特新企业认定要什么材料","department":"sme","topic":"sme","sentiment":"neutral"}""",
        """{"text":"投诉：贷款拖了三个月还没批，我叫张三，电话13812345678","department":"sme","topic":"sme","sentiment":"negative"}""",
        """{"text":"谢谢你们的耐心解答","department":"office","topic":null,"sentiment":"positive"}""",
        """{"text":"企业上云补贴怎么还没到账 <b>急</b> & \"催\"","department":"informatization","topic":"industrial_internet","sentiment":"negative"}""",
    ];

    private static readonly string[] AllBlocks = ["sentiment", "topic", "department", "count"];

    private string _directory = null!;
    private Func<Knowledge.Text.ChineseAnalyzer, IInquiryClassifier> _shipped = null!;
    private KeywordClassifier _classifier = null!;

    [SetUp]
    public void UseScriptedClassifier()
    {
        _directory = Directory.CreateTempSubdirectory("responsebot-classify-").FullName;
        _classifier = new KeywordClassifier();
        _shipped = EvalClassifyCommand.LoadClassifier;
        EvalClassifyCommand.LoadClassifier = _ => _classifier;
    }

    [TearDown]
    public void RestoreClassifier()
    {
        EvalClassifyCommand.LoadClassifier = _shipped;
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task EvalClassify_Json_LastLineHasEveryBlockWithHandComputedNumbers()
    {
        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines), "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(AllBlocks));
        Assert.That(root.GetProperty("count").GetInt32(), Is.EqualTo(5));

        // Sentiment: 4 of 5 right. negative P 1 R 1/2 F1 2/3; neutral P 2/3 R 1 F1 0.8; positive F1 1 → macro 0.8222.
        // Negative vs rest: negative F1 2/3, rest P 3/4 R 1 F1 6/7 → macro 0.7619.
        AssertBlock(root.GetProperty("sentiment"), ("accuracy", 0.8), ("macroF1", 0.8222), ("negativeF1", 0.7619));
        // Topic: 3 of 5 right. nev 1, sme 2/3, none (P 1/3 R 1) 0.5, industrial_internet 0; the two absent topics
        // do not count → (1 + 2/3 + 0.5 + 0) / 4 = 0.5417.
        AssertBlock(root.GetProperty("topic"), ("accuracy", 0.6), ("macroF1", 0.5417));
        // Department: 4 of 5 right, the fifth second in the ranking. auto 1, sme 1, office (P 1/2 R 1) 2/3,
        // informatization 0 → 0.6667.
        AssertBlock(root.GetProperty("department"), ("accuracy", 0.8), ("top3", 1.0), ("macroF1", 0.6667));
    }

    [Test]
    public async Task EvalClassify_OnlyDepartmentsLabelled_JsonHasOnlyTheDepartmentBlock()
    {
        var data = await WriteData(
            """{"text":"新能源汽车充电桩补贴怎么申请","department":"auto"}""",
            """{"text":"专精特新企业认定要什么材料","department":"office"}""");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "department", "count" }));
        AssertBlock(json.RootElement.GetProperty("department"), ("accuracy", 0.5), ("top3", 1.0), ("macroF1", 1.0 / 3));
        Assert.That(run.Stdout, Does.Not.Contain("Sentiment").And.Not.Contain("Hot topic"));
    }

    [Test]
    public async Task EvalClassify_Text_ShowsHeadlinesClassTablesAndConfusionWithChineseNames()
    {
        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("5 inquiries"));
        Assert.That(run.Stdout, Does.Contain("negative-vs-rest macro-F1").And.Contain("top-3 accuracy"));
        Assert.That(run.Stdout, Does.Contain("precision").And.Contain("recall").And.Contain("support"));
        Assert.That(run.Stdout, Does.Contain(@"truth \ predicted"));
        Assert.That(run.Stdout, Does.Contain("auto 汽车产业处").And.Contain("none 无热点").And.Contain("negative 负面"));
        Assert.That(run.Stdout, Does.Contain("2 of 5 inquiries have at least one label wrong"));
        Assert.That(run.Stdout.TrimEnd(), Does.Not.EndWith("}"), "without --json there is no JSON line");
        Assert.That(run.Stderr, Does.Contain("classifying 5/5"));
    }

    [Test]
    public async Task EvalClassify_Text_ConfusionRowOfInformatizationShowsItsInquiryUnderOffice()
    {
        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines));

        // Columns: office legal enforcement credit sme informatization tech_upgrade auto.
        var row = run.Stdout.Split('\n').Last(l => l.StartsWith("informatization 信息化推进处", StringComparison.Ordinal));
        Assert.That(Spaces().Split(row.Trim())[1..], Is.EqualTo(new[] { "1", "0", "0", "0", "0", "0", "0", "0" }));
    }

    [Test]
    public async Task EvalClassify_KnowledgeAnswersWithConfidence_ItsEntryIsPassedToRouting()
    {
        var data = await WriteData(
            """{"text":"企业上云有什么补贴？","department":"informatization"}""",
            """{"text":"谢谢你们的耐心解答","department":"office"}""");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data, "--kb", CliRunner.Fixture("entries-valid.jsonl"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(_classifier.Hints, Has.Count.EqualTo(2));
        Assert.That(_classifier.Hints[0]?.EntryId, Is.EqualTo("cloud-subsidy"));
        Assert.That(_classifier.Hints[0]?.Department, Is.EqualTo("informatization"));
        Assert.That(_classifier.Hints[1], Is.Null);
        Assert.That(run.Stdout, Does.Contain("2 published entries").And.Contain("1 inquiries answered with confidence"));
    }

    [Test]
    public async Task EvalClassify_Report_SelfContainedChineseHtmlWithOneSvgPerMatrix()
    {
        var report = Path.Combine(_directory, "report.html");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines), "--report", report, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain($"report: {report}"));
        Assert.That(run.StdoutLines[^1], Does.StartWith("{"), "the JSON line stays last");
        var bytes = await File.ReadAllBytesAsync(report);
        Assert.That(bytes[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
        var html = await File.ReadAllTextAsync(report);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<html lang=\"zh-CN\">").And.Contain("<meta charset=\"utf-8\">"));
        Assert.That(SvgOpen().Count(html), Is.EqualTo(3), "sentiment, topic and department");
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("src=").And.Not.Contain("href="), "self-contained");
        Assert.That(html, Does.Contain("汽车产业处").And.Contain("新能源汽车").And.Contain("负面"));
        Assert.That(html, Does.Contain("预测 predicted").And.Contain("真实 truth"));
    }

    [Test]
    public async Task EvalClassify_Report_MisclassifiedTextIsMaskedAndEscaped()
    {
        var report = Path.Combine(_directory, "report.html");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines), "--report", report);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var html = await File.ReadAllTextAsync(report);
        Assert.That(html, Does.Contain("&lt;b&gt;急&lt;/b&gt; &amp; &quot;催&quot;"));
        Assert.That(html, Does.Not.Contain("<b>急</b>"));
        Assert.That(html, Does.Contain("138****5678").And.Not.Contain("13812345678"));
        Assert.That(html, Does.Not.Contain("张三"));
        Assert.That(html, Does.Contain("错分样例").And.Contain("（2 条；文本已脱敏）"));
        Assert.That(html, Does.Not.Contain("新能源汽车充电桩补贴怎么申请"), "a right answer is not listed");
    }

    [Test]
    public async Task EvalClassify_MissingFile_ExitsTwoOnOneLine()
    {
        var run = await CliRunner.RunAsync("eval", "classify", "--data", Path.Combine(_directory, "absent.jsonl"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain("absent.jsonl: no such file"));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task EvalClassify_BadJsonLine_ExitsTwoNamingFileAndLine()
    {
        var data = await WriteData(Lines[0], "{\"text\": \"没有结尾", Lines[1]);

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith($"error: {data}:2: "));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public async Task EvalClassify_UnknownCode_ExitsTwoNamingFileLineAndCode()
    {
        var data = await WriteData(Lines[0], Lines[1], """{"text":"火星基地","department":"mars"}""");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith($"error: {data}:3: \"department\" is \"mars\""));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task EvalClassify_UnknownSentiment_ExitsTwo()
    {
        var data = await WriteData("""{"text":"还行吧","sentiment":"meh"}""");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(":1: \"sentiment\" is \"meh\""));
    }

    [Test]
    public async Task EvalClassify_EmptyFile_ExitsTwoSayingSo()
    {
        var data = await WriteData("", "   ");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith($"error: {data}: no inquiries"));
    }

    [Test]
    public async Task EvalClassify_NoLabels_ExitsTwoSayingThereIsNothingToScore()
    {
        var data = await WriteData("""{"text":"只有文本"}""");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("no line has a \"department\", \"topic\" or \"sentiment\" label"));
    }

    [Test]
    public async Task EvalClassify_ReportInMissingFolder_ExitsTwoBeforeClassifying()
    {
        var report = Path.Combine(_directory, "no-such-folder", "report.html");

        var run = await CliRunner.RunAsync("eval", "classify", "--data", await WriteData(Lines), "--report", report);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("the folder does not exist"));
        Assert.That(_classifier.Hints, Is.Empty);
    }

    [Test]
    public async Task EvalClassify_Help_NamesEveryOption()
    {
        var run = await CliRunner.RunAsync("eval", "classify", "--help");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("--data").And.Contain("--json").And.Contain("--report").And.Contain("--kb"));
    }

    [Test]
    public async Task EvalClassify_WithoutData_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("eval", "classify");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain("--data"));
    }

    private static void AssertBlock(JsonElement block, params (string Key, double Value)[] expected)
    {
        Assert.That(block.EnumerateObject().Select(p => p.Name), Is.EqualTo(expected.Select(e => e.Key)));
        foreach (var (key, value) in expected)
        {
            Assert.That(block.GetProperty(key).GetDouble(), Is.EqualTo(value).Within(1e-4), key);
        }
    }

    private async Task<string> WriteData(params string[] lines)
    {
        var path = Path.Combine(_directory, $"inquiries-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    [GeneratedRegex("<svg[ >]")]
    private static partial Regex SvgOpen();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    /// <summary>Reads inquiries by keywords, so every number above can be worked out by hand; remembers its hints.</summary>
    private sealed class KeywordClassifier : IInquiryClassifier
    {
        public List<KnowledgeHint?> Hints { get; } = [];

        public InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null)
        {
            Hints.Add(answered);
            var sentiment = text.Contains("投诉", StringComparison.Ordinal) ? "negative"
                : text.Contains("谢谢", StringComparison.Ordinal) ? "positive"
                : "neutral";
            var topic = text.Contains("充电", StringComparison.Ordinal) ? "nev"
                : text.Contains("专精特新", StringComparison.Ordinal) ? "sme"
                : null;
            string[] departments = text.Contains("充电", StringComparison.Ordinal) ? ["auto", "sme", "office"]
                : text.Contains("专精特新", StringComparison.Ordinal) || text.Contains("贷款", StringComparison.Ordinal) ? ["sme", "office", "auto"]
                : text.Contains("上云", StringComparison.Ordinal) ? ["office", "informatization", "sme"]
                : ["office", "sme", "auto"];
            return new InquiryAnalysis(
                sentiment,
                [new LabelScore(sentiment, 0.9f)],
                topic,
                [new LabelScore(topic ?? InquiryAnalysis.NoTopic, 0.9f)],
                new DepartmentRouting(
                    departments[0], departments.Select((d, i) => new LabelScore(d, 0.6f - (0.2f * i))).ToList(), RoutingSignal.Model, "按关键词"));
        }
    }
}
