using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge;

namespace ResponseBot.Host.Tests.Endpoints;

public sealed class ServiceTests
{
    private static HttpClient Client => HostSetup.Client;

    [Test]
    public async Task Health_AfterSeeding_ReportsTheSnapshotAndItsEntries()
    {
        var health = await KnowledgeEndpointsTests.GetJsonAsync("/health");
        var list = await KnowledgeEndpointsTests.GetJsonAsync("/api/kb/entries");

        Assert.Multiple(() =>
        {
            Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(health.GetProperty("snapshotVersion").GetInt32(), Is.EqualTo(list.GetProperty("snapshotVersion").GetInt32()));
            Assert.That(health.GetProperty("entryCount").GetInt32(), Is.EqualTo(list.GetProperty("count").GetInt32()));
        });
    }

    [Test]
    public async Task OpenApi_Document_DescribesEveryEndpoint()
    {
        var document = await KnowledgeEndpointsTests.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var operations = new[]
        {
            ("/api/ask", "post"), ("/api/kb/entries", "get"), ("/api/kb/entries/{id}", "get"), ("/health", "get"),
        };
        foreach (var (path, method) in operations)
        {
            Assert.That(paths.TryGetProperty(path, out var item), Is.True, path);
            var operation = item.GetProperty(method);
            Assert.Multiple(() =>
            {
                Assert.That(operation.GetProperty("summary").GetString(), Is.Not.Empty, path);
                Assert.That(operation.GetProperty("description").GetString(), Is.Not.Empty, path);
            });
        }
    }

    [Test]
    public async Task Restart_SameDatabase_KeepsThePublishedSnapshotWithoutSeedingAgain()
    {
        var path = ResponseBotFactory.NewDatabasePath();
        try
        {
            JsonElement before;
            await using (var first = new ResponseBotFactory(path))
            {
                using var client = first.CreateClient();
                before = await KnowledgeEndpointsTests.GetJsonAsync("/health", client);
            }

            // A second seed would fail loudly on this path, and a second publish would raise the snapshot version.
            await using var second = new ResponseBotFactory(path, new Dictionary<string, string?>
            {
                ["Knowledge:SeedFile"] = "data/kb/no-such-seed.jsonl",
            });
            using var again = second.CreateClient();
            var after = await KnowledgeEndpointsTests.GetJsonAsync("/health", again);
            var entry = await KnowledgeEndpointsTests.GetJsonAsync("/api/kb/entries/enterprise-cloud", again);

            Assert.Multiple(() =>
            {
                Assert.That(before.GetProperty("snapshotVersion").GetInt32(), Is.EqualTo(1));
                Assert.That(after.GetProperty("snapshotVersion").GetInt32(), Is.EqualTo(1));
                Assert.That(after.GetProperty("entryCount").GetInt32(), Is.EqualTo(before.GetProperty("entryCount").GetInt32()));
                Assert.That(entry.GetProperty("version").GetInt32(), Is.EqualTo(1));
            });
        }
        finally
        {
            ResponseBotFactory.DeleteDatabase(path);
        }
    }

    [Test]
    public async Task Start_SeedFileMissingOnAnEmptyStore_FailsWithThePath()
    {
        var path = ResponseBotFactory.NewDatabasePath();
        try
        {
            using var host = KnowledgeHost(new Dictionary<string, string?>
            {
                ["Knowledge:SqlitePath"] = path,
                ["Knowledge:SeedFile"] = "data/kb/no-such-seed.jsonl",
            });

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
            Assert.That(error!.Message, Does.Contain("no-such-seed.jsonl"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            ResponseBotFactory.DeleteDatabase(path);
        }
    }

    [Test]
    public async Task Start_ThresholdOutOfRange_FailsNamingTheSetting()
    {
        using var host = KnowledgeHost(new Dictionary<string, string?>
        {
            ["Knowledge:AnswerThreshold"] = "1.5",
            ["Knowledge:SqlitePath"] = ResponseBotFactory.NewDatabasePath(),
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(error!.Message, Does.Contain(nameof(KnowledgeOptions.AnswerThreshold)));
    }

    [Test]
    public async Task Start_NoSeedFile_ServesAnEmptyBaseThatFallsBack()
    {
        var path = ResponseBotFactory.NewDatabasePath();
        try
        {
            await using var factory = new ResponseBotFactory(path, new Dictionary<string, string?> { ["Knowledge:SeedFile"] = "" });
            using var client = factory.CreateClient();

            var health = await KnowledgeEndpointsTests.GetJsonAsync("/health", client);
            using var response = await client.PostAsJsonAsync("/api/ask", new { text = "企业上云有没有补贴？" });
            using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Multiple(() =>
            {
                Assert.That(health.GetProperty("snapshotVersion").GetInt32(), Is.Zero);
                Assert.That(health.GetProperty("entryCount").GetInt32(), Is.Zero);
                Assert.That(reply.RootElement.GetProperty("tier").GetString(), Is.EqualTo("fallback"));
                // With nothing to match, the fallback names the department the routing model chose: 企业上云 is 信息化推进处's.
                Assert.That(reply.RootElement.GetProperty("department").GetProperty("code").GetString(), Is.EqualTo("informatization"));
                Assert.That(reply.RootElement.GetProperty("analysis").GetProperty("department").GetString(), Is.EqualTo("informatization"));
                Assert.That(reply.RootElement.GetProperty("analysis").GetProperty("signal").GetString(), Is.EqualTo("model"));
                Assert.That(reply.RootElement.GetProperty("snapshotVersion").GetInt32(), Is.Zero);
            });
        }
        finally
        {
            ResponseBotFactory.DeleteDatabase(path);
        }
    }

    // A plain host with the knowledge services, for start-up failures: WebApplicationFactory disposes a host whose
    // start failed on another thread, and a test would sometimes see ObjectDisposedException instead of the error.
    private static IHost KnowledgeHost(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKnowledge();
        return builder.Build();
    }
}
