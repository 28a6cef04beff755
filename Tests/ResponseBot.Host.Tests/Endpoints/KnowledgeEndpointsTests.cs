using System.Net;
using System.Text.Json;

namespace ResponseBot.Host.Tests.Endpoints;

public sealed class KnowledgeEndpointsTests
{
    private static HttpClient Client => HostSetup.Client;

    [Test]
    public async Task ListEntries_NoFilter_ListsThePublishedDemoEntriesById()
    {
        var list = await GetJsonAsync("/api/kb/entries");

        var ids = list.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.GreaterThanOrEqualTo(80));
            Assert.That(list.GetProperty("count").GetInt32(), Is.EqualTo(ids.Count));
            Assert.That(list.GetProperty("snapshotVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(ids, Does.Contain("enterprise-cloud"));
            Assert.That(ids.Where(id => id.EndsWith("-draft", StringComparison.Ordinal)), Is.Empty, "drafts are not published");
        });
        var first = list.GetProperty("entries")[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("question").GetString(), Is.Not.Empty);
            Assert.That(first.GetProperty("department").GetString(), Is.Not.Empty);
            Assert.That(first.GetProperty("topics").ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(first.GetProperty("version").GetInt32(), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task ListEntries_ByDepartment_ListsOnlyThatDepartment()
    {
        var list = await GetJsonAsync("/api/kb/entries?department=credit");

        var departments = list.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("department").GetString()).ToList();
        Assert.That(departments, Is.Not.Empty.And.All.EqualTo("credit"));
    }

    [Test]
    public async Task ListEntries_ByTopicAndDepartment_ListsEntriesWithBoth()
    {
        var list = await GetJsonAsync("/api/kb/entries?department=sme&topic=gov_integrity");

        var entries = list.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries, Has.All.Matches<JsonElement>(e =>
            e.GetProperty("department").GetString() == "sme" &&
            e.GetProperty("topics").EnumerateArray().Any(t => t.GetString() == "gov_integrity")));
    }

    [TestCase("/api/kb/entries?department=mayor", "mayor")]
    [TestCase("/api/kb/entries?topic=weather", "weather")]
    public async Task ListEntries_UnknownCode_IsBadRequestProblem(string url, string code)
    {
        using var response = await Client.GetAsync(url);

        var problem = await Problems.AssertProblemAsync(response, 400);
        Assert.That(problem.Detail(), Does.Contain(code));
    }

    [Test]
    public async Task GetEntry_PublishedId_ReturnsTheFullEntry()
    {
        var entry = await GetJsonAsync("/api/kb/entries/enterprise-cloud");

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("id").GetString(), Is.EqualTo("enterprise-cloud"));
            Assert.That(entry.GetProperty("answer").GetString(), Is.Not.Empty);
            Assert.That(entry.GetProperty("alternates").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(entry.GetProperty("link").GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(entry.GetProperty("followUps").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(entry.GetProperty("version").GetInt32(), Is.GreaterThanOrEqualTo(1));
        });
    }

    [TestCase("no-such-entry")]
    [TestCase("sme-special-fund-2027-draft")]
    public async Task GetEntry_UnknownOrUnpublishedId_IsNotFoundProblemNamingTheId(string id)
    {
        using var response = await Client.GetAsync($"/api/kb/entries/{id}");

        var problem = await Problems.AssertProblemAsync(response, 404);
        Assert.That(problem.Detail(), Does.Contain(id));
    }

    internal static async Task<JsonElement> GetJsonAsync(string url, HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
