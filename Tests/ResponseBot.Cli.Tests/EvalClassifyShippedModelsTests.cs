using System.Text.Json;

namespace ResponseBot.Cli.Tests;

/// <summary><c>eval classify</c> with the models the product ships, on the held-out inquiries shipped beside them.</summary>
public sealed class EvalClassifyShippedModelsTests
{
    private static readonly string[] AllBlocks = ["sentiment", "topic", "department", "count"];

    private static string Models => Path.Combine(AppContext.BaseDirectory, "models");

    [TestCase("dev-a.jsonl")]
    [TestCase("dev-b.jsonl")]
    [TestCase("dev-c.jsonl")]
    public async Task EvalClassify_ShippedModelsOnHeldOutInquiries_JsonHasEveryBlockAndTheCount(string file)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data", "inquiries", file);
        RequireShipped(data);

        var run = await CliRunner.RunAsync("eval", "classify", "--data", data, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.StdoutLines[^1]);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(AllBlocks));
        Assert.That(root.GetProperty("count").GetInt32(), Is.EqualTo(File.ReadLines(data).Count(l => !string.IsNullOrWhiteSpace(l))));
        foreach (var block in AllBlocks[..^1])
        {
            foreach (var metric in root.GetProperty(block).EnumerateObject())
            {
                Assert.That(metric.Value.GetDouble(), Is.InRange(0.0, 1.0), $"{block}.{metric.Name}");
            }
        }

        var department = root.GetProperty("department");
        Assert.That(department.GetProperty("top3").GetDouble(), Is.GreaterThanOrEqualTo(department.GetProperty("accuracy").GetDouble()));
        // Far above chance (1/8): the models read the inquiries, whatever their exact quality this week.
        Assert.That(department.GetProperty("accuracy").GetDouble(), Is.GreaterThan(0.5));
    }

    [Test]
    public async Task EvalClassify_ShippedModels_ReportHasThreeMatrices()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data", "inquiries", "dev-a.jsonl");
        RequireShipped(data);
        var report = Path.Combine(Path.GetTempPath(), $"responsebot-classify-{Guid.NewGuid():N}.html");
        try
        {
            var run = await CliRunner.RunAsync("eval", "classify", "--data", data, "--report", report);

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var html = await File.ReadAllTextAsync(report);
            Assert.That(html.Split("<svg ").Length - 1, Is.EqualTo(3));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static void RequireShipped(string data)
    {
        if (!File.Exists(Path.Combine(Models, "department.zip")))
        {
            Assert.Ignore($"the trained insight models are not in {Models} yet (Bot/models/*.zip, made by 'responsebot train')");
        }

        Assert.That(data, Does.Exist, "the held-out inquiries ship with the Insights project");
    }
}
