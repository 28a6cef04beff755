using System.Text;
using MiniExcelLibs;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Tests.Entries;
using ResponseBot.Knowledge.Transfer;

namespace ResponseBot.Knowledge.Tests.Transfer;

public sealed class EntryFilesTests
{
    private const string Header = "id,question,alternates,answer,link_title,link_url,department,topics,policy_reference,source_url,effective_from,expires_on,follow_ups,status,version,updated_by,updated_at";

    /// <summary>Content that breaks naive writers: separators, quotes, line breaks, escapes, emoji, edge spaces.</summary>
    private static List<KnowledgeEntry> AwkwardEntries() =>
    [
        TestEntries.Full("full", followUpTo: "min"),
        TestEntries.Minimal("min") with { Status = EntryStatus.Draft },
        new KnowledgeEntry
        {
            Id = "awkward,\"id\"",
            Question = "企业“上云”补贴, 怎么领? \"quoted\" 😀",
            Alternates = ["a|b", "管道 | 两边有空格", " 前后空格 ", "反斜杠 \\ 与 \\| 与 \\\\", "箭头 => 不是追问", "逗号, 分号; 引号\"", "emoji 🚀🇨🇳", "\\", "尾部反斜杠\\"],
            Answer = "第一行,\n第二行 \"引号\"\n\n- 列表 | 竖线\n=SUM(A1) 不是公式\n  缩进行  ",
            Link = new NewsLink("标题, 含 \"引号\" | 竖线", "https://example.gov.cn/a?b=1&c=2#d"),
            Department = "office",
            Topics = ["sme", "industrial_internet"],
            PolicyReference = "常经信发〔2024〕12号, 附件 \"1\"",
            SourceUrl = "https://example.gov.cn/x,y",
            EffectiveFrom = new DateOnly(2020, 2, 29),
            ExpiresOn = new DateOnly(2099, 12, 31),
            FollowUps =
            [
                new FollowUp("问 => 答 | 再问", "full"),
                new FollowUp(" 空格 ", "min"),
                new FollowUp("反斜杠\\", "id=>with|bar"),
            ],
            Status = EntryStatus.Retired,
            Version = 12,
            UpdatedBy = "张三, 办公室",
            UpdatedAt = new DateTimeOffset(2025, 12, 31, 23, 59, 59, 123, TimeSpan.FromHours(8)).AddTicks(4567),
        },
        TestEntries.Minimal("empty-optionals") with
        {
            Alternates = [],
            Topics = [],
            FollowUps = [],
            Link = null,
            PolicyReference = null,
            SourceUrl = null,
            EffectiveFrom = null,
            ExpiresOn = null,
            Version = 0,
            UpdatedBy = null,
            UpdatedAt = null,
        },
    ];

    private static MemoryStream Written(IReadOnlyList<KnowledgeEntry> entries, EntryFormat format)
    {
        var stream = new MemoryStream();
        EntryFiles.Write(stream, entries, format);
        stream.Position = 0;
        return stream;
    }

    private static IReadOnlyList<EntryRow> ReadText(string text, EntryFormat format) =>
        EntryFiles.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format);

    private static List<KnowledgeEntry> EntriesOf(IReadOnlyList<EntryRow> rows)
    {
        var errors = rows.Where(r => r.Error is not null).Select(r => $"row {r.Row}: {r.Error}").ToList();
        Assert.That(errors, Is.Empty);
        return [.. rows.Select(r => r.Entry!)];
    }

    [TestCase(EntryFormat.Csv)]
    [TestCase(EntryFormat.JsonLines)]
    [TestCase(EntryFormat.Xlsx)]
    public void WriteThenRead_AwkwardContent_GivesBackEqualEntries(EntryFormat format)
    {
        var entries = AwkwardEntries();
        var back = EntriesOf(EntryFiles.Read(Written(entries, format), format));
        EntryComparer.AssertEqual(entries, back);
    }

    [TestCase(EntryFormat.Csv)]
    [TestCase(EntryFormat.JsonLines)]
    [TestCase(EntryFormat.Xlsx)]
    public void WriteThenRead_WrittenTwice_IsByteStable(EntryFormat format)
    {
        // XLSX zips carry timestamps, so compare what the second file reads back instead of raw bytes.
        var once = EntriesOf(EntryFiles.Read(Written(AwkwardEntries(), format), format));
        var twice = EntriesOf(EntryFiles.Read(Written(once, format), format));
        EntryComparer.AssertEqual(once, twice);
        if (format != EntryFormat.Xlsx)
        {
            Assert.That(Written(once, format).ToArray(), Is.EqualTo(Written(twice, format).ToArray()));
        }
    }

    [TestCase(EntryFormat.Csv)]
    [TestCase(EntryFormat.JsonLines)]
    [TestCase(EntryFormat.Xlsx)]
    public void WriteThenRead_NoEntries_ReadsNoRows(EntryFormat format) =>
        Assert.That(EntryFiles.Read(Written([], format), format), Is.Empty);

    [TestCase(EntryFormat.Csv)]
    [TestCase(EntryFormat.JsonLines)]
    [TestCase(EntryFormat.Xlsx)]
    public void WriteThenRead_ManyEntries_KeepsOrderAndRowNumbers(EntryFormat format)
    {
        var entries = Enumerable.Range(1, 200).Select(i => TestEntries.Minimal($"e{i:D3}") with { Answer = $"答案 {i}\n第二行" }).ToList();
        var rows = EntryFiles.Read(Written(entries, format), format);
        EntryComparer.AssertEqual(entries, EntriesOf(rows));
        var firstRow = format == EntryFormat.JsonLines ? 1 : 2;
        Assert.That(rows.Select(r => r.Row), Is.EqualTo(Enumerable.Range(firstRow, 200)));
    }

    [Test]
    public void Write_Csv_StartsWithUtf8BomAndTheHeader()
    {
        var bytes = Written([TestEntries.Minimal()], EntryFormat.Csv).ToArray();
        Assert.That(bytes.Take(3), Is.EqualTo(Encoding.UTF8.Preamble.ToArray()));
        Assert.That(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), Does.StartWith(Header + "\r\n"));
    }

    [Test]
    public void Write_JsonLines_OneCompactEntryPerLineWithoutBom()
    {
        var text = Encoding.UTF8.GetString(Written([TestEntries.Minimal("a"), TestEntries.Minimal("b")], EntryFormat.JsonLines).ToArray());
        Assert.That(text.Split('\n'), Has.Length.EqualTo(3));
        Assert.That(text, Does.StartWith("{\"id\":\"a\",").And.EndWith("}\n"));
        Assert.That(text, Does.Contain("专精特新"));
    }

    [Test]
    public void Read_CsvRows_AreNumberedAsInTheFileCountingBlankAndMultiLineRows()
    {
        var csv = $"{Header}\r\na,问,,\"两行\r\n答案\",,,sme,,,,,,,published,,,\r\n\r\nb,问,,答,,,sme,,,,,,,published,,,\r\n,,,,,,,,,,,,,,,,\r\nc,问,,答,,,sme,,,,,,,,,,\r\n";
        var rows = ReadText(csv, EntryFormat.Csv);
        Assert.That(rows.Select(r => (r.Row, r.Entry?.Id)), Is.EqualTo(new[] { (2, "a"), (4, "b"), (6, "c") }));
        Assert.That(rows[0].Entry!.Answer, Is.EqualTo("两行\n答案"), "line breaks are read as \\n");
        Assert.That(rows[2].Entry!.Status, Is.EqualTo(EntryStatus.Draft), "an empty status is a draft");
    }

    [Test]
    public void Read_CsvWithOnlyRequiredColumns_ReadsEmptyOptionals()
    {
        var rows = ReadText("ID, Question ,answer,department\nx,问题,答案,sme\n", EntryFormat.Csv);
        var entry = EntriesOf(rows).Single();
        Assert.That((entry.Id, entry.Question, entry.Answer, entry.Department), Is.EqualTo(("x", "问题", "答案", "sme")));
        Assert.That((entry.Alternates.Count, entry.Link, entry.Status, entry.Version), Is.EqualTo((0, (NewsLink?)null, EntryStatus.Draft, 0)));
    }

    [Test]
    public void Read_HandTypedLists_AcceptsSpacingAndSeparators()
    {
        var rows = ReadText("id,question,answer,department,alternates,topics,follow_ups\nx,q,a,sme,甲|乙 |  丙  ,sme ; industrial_internet;,怎么办=>y | 还有=> z\n", EntryFormat.Csv);
        var entry = EntriesOf(rows).Single();
        Assert.That(entry.Alternates, Is.EqualTo(new List<string> { "甲", "乙", "丙" }));
        Assert.That(entry.Topics, Is.EqualTo(new List<string> { "sme", "industrial_internet" }));
        Assert.That(entry.FollowUps, Is.EqualTo(new List<FollowUp> { new("怎么办", "y"), new("还有", "z") }));
    }

    [Test]
    public void Read_CsvSavedByChineseExcelAsGb18030_DecodesChinese()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("id,question,answer,department\nx,专精特新怎么申报,登录平台申报,sme\n");
        var entry = EntriesOf(EntryFiles.Read(new MemoryStream(bytes), EntryFormat.Csv)).Single();
        Assert.That(entry.Question, Is.EqualTo("专精特新怎么申报"));
    }

    [TestCase("effective_from", "2025/01/02", "effective_from")]
    [TestCase("expires_on", "2025-02-30", "expires_on")]
    [TestCase("status", "live", "unknown status")]
    [TestCase("version", "v2", "version")]
    [TestCase("updated_at", "yesterday", "updated_at")]
    [TestCase("follow_ups", "no arrow here", "=>")]
    public void Read_CsvBadCell_ReportsTheRowAndColumn(string column, string value, string expected)
    {
        var csv = $"id,question,answer,department,{column}\nok,q,a,sme,\nbad,q,a,sme,{value}\n";
        var rows = ReadText(csv, EntryFormat.Csv);
        Assert.That(rows[0].Entry, Is.Not.Null);
        Assert.That((rows[1].Row, rows[1].Entry), Is.EqualTo((3, (KnowledgeEntry?)null)));
        Assert.That(rows[1].Error, Does.Contain(expected));
    }

    [Test]
    public void Read_CsvMalformedQuotes_ReportsTheRow()
    {
        var rows = ReadText("id,question,answer,department\n\"a\"x,q,a,sme\nb,q,a,sme\n", EntryFormat.Csv);
        Assert.That(rows.Select(r => (r.Row, r.Error is null)), Is.EqualTo(new[] { (2, false), (3, true) }));
    }

    [Test]
    public void Read_CsvValueUnderNoHeader_ReportsTheRow()
    {
        var rows = ReadText("id,question,answer,department\na,q,a,sme,,\nb,q,a,sme,stray\n", EntryFormat.Csv);
        Assert.That(rows[0].Error, Is.Null, "trailing empty cells are fine");
        Assert.That(rows[1].Error, Does.Contain("第 5 列"));
    }

    [TestCase("id,question,answer,department,colour\n", "colour")]
    [TestCase("id,question,department\n", "answer")]
    [TestCase("id,question,answer,department,id\n", "id")]
    [TestCase("", "missing header")]
    public void Read_CsvBadHeader_ThrowsNamingTheColumn(string csv, string expected) =>
        Assert.That(() => ReadText(csv, EntryFormat.Csv), Throws.TypeOf<InvalidDataException>().With.Message.Contain(expected));

    [Test]
    public void Read_JsonLines_SkipsBlankLinesAndNumbersByLine()
    {
        var a = """{"id":"a","question":"q","answer":"a","department":"sme"}""";
        var rows = ReadText($"\uFEFF{a}\n\n   \r\n{a.Replace("\"a\",\"q", "\"b\",\"q", StringComparison.Ordinal)}\r\n", EntryFormat.JsonLines);
        Assert.That(rows.Select(r => (r.Row, r.Entry?.Id)), Is.EqualTo(new[] { (1, "a"), (4, "b") }));
    }

    [TestCase("{\"id\":\"a\",\"question\":", "cannot parse")]
    [TestCase("""{"id":"a","question":"q","answer":"a"}""", "department")]
    [TestCase("""{"id":"a","question":"q","answer":"a","department":"sme","status":"live"}""", "status")]
    [TestCase("""{"id":"a","question":"q","answer":"a","department":"sme","effectiveFrom":"2025/01/01"}""", "effectiveFrom")]
    [TestCase("""{"id":"a","question":"q","anwser":"a","department":"sme"}""", "anwser")]
    [TestCase("null", "null")]
    public void Read_JsonLinesBadLine_ReportsTheLine(string line, string expected)
    {
        var rows = ReadText($"{{\"id\":\"ok\",\"question\":\"q\",\"answer\":\"a\",\"department\":\"sme\"}}\n{line}\n", EntryFormat.JsonLines);
        Assert.That(rows[0].Entry, Is.Not.Null);
        Assert.That((rows[1].Row, rows[1].Entry), Is.EqualTo((2, (KnowledgeEntry?)null)));
        Assert.That(rows[1].Error, Does.Contain(expected));
    }

    [Test]
    public void Read_JsonLinesNullLists_ReadsEmptyListsAndUnixLineBreaks()
    {
        var rows = ReadText("""{"id":"a","question":"q","answer":"一\r\n二","department":"sme","alternates":null,"topics":null}""", EntryFormat.JsonLines);
        var entry = EntriesOf(rows).Single();
        Assert.That((entry.Alternates.Count, entry.Topics.Count, entry.Answer), Is.EqualTo((0, 0, "一\n二")));
    }

    [Test]
    public void Read_XlsxTypedByHand_ReadsNumbersAndDatesAsText()
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["id"] = 1001, ["question"] = "问", ["answer"] = "答", ["department"] = "sme",
                ["effective_from"] = new DateTime(2025, 3, 1), ["version"] = 4,
            },
            new() { ["id"] = null, ["question"] = null, ["answer"] = null, ["department"] = null, ["effective_from"] = null, ["version"] = null },
            new() { ["id"] = "x", ["question"] = "问", ["answer"] = "答", ["department"] = "sme", ["effective_from"] = "bad", ["version"] = null },
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet);
        stream.Position = 0;

        var rows = EntryFiles.Read(stream, EntryFormat.Xlsx);

        Assert.That(rows.Select(r => r.Row), Is.EqualTo(new List<int> { 2, 4 }), "the blank row 3 is skipped but counted");
        var entry = rows[0].Entry!;
        Assert.That((entry.Id, entry.EffectiveFrom, entry.Version), Is.EqualTo(("1001", (DateOnly?)new DateOnly(2025, 3, 1), 4)));
        Assert.That(rows[1].Error, Does.Contain("effective_from"));
    }

    [Test]
    public void Read_XlsxUnknownColumn_Throws()
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new List<Dictionary<string, object?>> { new() { ["id"] = "a", ["问题"] = "q" } });
        stream.Position = 0;
        Assert.That(() => EntryFiles.Read(stream, EntryFormat.Xlsx), Throws.TypeOf<InvalidDataException>().With.Message.Contain("问题"));
    }

    [TestCase("kb.csv", EntryFormat.Csv)]
    [TestCase("KB.JSONL", EntryFormat.JsonLines)]
    [TestCase("/tmp/x/kb.xlsx", EntryFormat.Xlsx)]
    public void FormatOf_KnownExtension_ReturnsFormat(string path, EntryFormat format) =>
        Assert.That(EntryFiles.FormatOf(path), Is.EqualTo(format));

    [TestCase("kb.xls")]
    [TestCase("kb.json")]
    [TestCase("kb")]
    public void FormatOf_OtherExtension_ThrowsListingSupportedOnes(string path) =>
        Assert.That(() => EntryFiles.FormatOf(path), Throws.ArgumentException.With.Message.Contain(".jsonl"));
}
