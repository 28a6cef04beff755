using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ResponseBot.Host.Tests.Endpoints;

public sealed class AskEndpointsTests
{
    // The exact question of the demo entry enterprise-cloud, which has a link and two follow-ups.
    private const string CloudQuestion = "企业上云怎么做？有没有补贴？";

    private static HttpClient Client => HostSetup.Client;

    [Test]
    public async Task Ask_ClearDemoQuestion_AnswersWithTheEntry()
    {
        using var response = await Client.PostAsJsonAsync("/api/ask", new { text = CloudQuestion, user = "u1", channel = "test" });
        var reply = await ReadAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(reply.GetProperty("tier").GetString(), Is.EqualTo("answer"));
            Assert.That(reply.GetProperty("entryId").GetString(), Is.EqualTo("enterprise-cloud"));
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain("上云"));
            Assert.That(reply.GetProperty("answer").GetString(), Is.EqualTo(reply.GetProperty("text").GetString()));
            Assert.That(reply.GetProperty("entryVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(reply.GetProperty("snapshotVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(reply.GetProperty("department").GetProperty("code").GetString(), Is.EqualTo("informatization"));
            Assert.That(reply.GetProperty("department").GetProperty("name").GetString(), Is.EqualTo("信息化推进处"));
            Assert.That(reply.GetProperty("link").GetProperty("url").GetString(), Does.StartWith("http"));
            Assert.That(reply.GetProperty("choices").GetArrayLength(), Is.GreaterThan(0), "the entry's follow-ups");
            Assert.That(reply.GetProperty("choices")[0].GetProperty("number").GetInt32(), Is.EqualTo(1));
            var top = reply.GetProperty("hits")[0];
            Assert.That(top.GetProperty("entryId").GetString(), Is.EqualTo("enterprise-cloud"));
            Assert.That(top.GetProperty("score").GetDouble(), Is.InRange(0.0, 1.0));
        });
    }

    [Test]
    public async Task Ask_AnsweredQuestion_CarriesTheAnalysisRoutedWithTheEntry()
    {
        using var response = await Client.PostAsJsonAsync("/api/ask", new { text = CloudQuestion });
        var analysis = (await ReadAsync(response)).GetProperty("analysis");

        Assert.Multiple(() =>
        {
            Assert.That(analysis.GetProperty("sentiment").GetString(), Is.AnyOf("negative", "neutral", "positive"));
            Assert.That(analysis.GetProperty("negativeProbability").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(analysis.GetProperty("topic").GetString(), Is.EqualTo("industrial_internet"));
            Assert.That(analysis.GetProperty("department").GetString(), Is.EqualTo("informatization"));
            Assert.That(analysis.GetProperty("departments").GetArrayLength(), Is.EqualTo(3));
            Assert.That(analysis.GetProperty("signal").GetString(), Is.AnyOf("knowledge", "agreement"));
            Assert.That(analysis.GetProperty("explanation").GetString(), Does.Contain("enterprise-cloud"));
        });
    }

    [Test]
    public async Task Ask_AngryComplaint_ReadsNegative()
    {
        using var response = await Client.PostAsJsonAsync(
            "/api/ask", new { text = "你们的新能源汽车补贴拖了半年还没发，打了十几次电话没人管，太气人了，再不解决我就找媒体曝光！" });
        var analysis = (await ReadAsync(response)).GetProperty("analysis");

        Assert.Multiple(() =>
        {
            Assert.That(analysis.GetProperty("sentiment").GetString(), Is.EqualTo("negative"));
            Assert.That(analysis.GetProperty("topic").GetString(), Is.EqualTo("nev"));
        });
    }

    [Test]
    public async Task Ask_TextPaddedToTheLimit_IsAcceptedAfterTrimming()
    {
        var text = CloudQuestion + new string('。', 1000 - CloudQuestion.Length);

        using var response = await Client.PostAsJsonAsync("/api/ask", new { text = "   " + text + "   " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Ask_NothingLikeIt_FallsBackAndOffersAPerson()
    {
        using var response = await Client.PostAsJsonAsync("/api/ask", new { text = "qwzx plmk" });
        var reply = await ReadAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(reply.GetProperty("tier").GetString(), Is.EqualTo("fallback"));
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain("转人工"));
            Assert.That(reply.GetProperty("choices").GetArrayLength(), Is.Zero);
            Assert.That(reply.TryGetProperty("answer", out _), Is.False);
            Assert.That(reply.TryGetProperty("entryId", out _), Is.False);
            Assert.That(reply.GetProperty("department").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain(reply.GetProperty("department").GetProperty("name").GetString()));
        });
    }

    [Test]
    public async Task Ask_BadRequestBodies_AreProblemDetailsThatNameTheProblem()
    {
        var cases = new (string Name, HttpContent? Content, int Status, string Mentions)[]
        {
            ("empty object", Json("{}"), 400, "text"),
            ("blank text", Json("""{"text": "   "}"""), 400, "blank"),
            ("10,000 characters", Json(JsonSerializer.Serialize(new { text = new string('问', 10_000) })), 400, "1000"),
            ("long user", Json(JsonSerializer.Serialize(new { text = "你好", user = new string('u', 65) })), 400, "user"),
            ("long channel", Json(JsonSerializer.Serialize(new { text = "你好", channel = new string('c', 65) })), 400, "channel"),
            ("malformed JSON", Json("""{"text": """), 400, "JSON"),
            ("text is a number", Json("""{"text": 123}"""), 400, "$.text"),
            ("body is an array", Json("[1, 2]"), 400, "JSON"),
            ("body is null", Json("null"), 400, "body"),
            ("empty body", Json(""), 400, "body"),
            ("no body at all", null, 400, "body"),
            ("plain text", new StringContent("企业上云有补贴吗", Encoding.UTF8, "text/plain"), 415, "application/json"),
            ("form post", new FormUrlEncodedContent([new("text", "你好")]), 415, "application/json"),
            ("over 64 KB", Json(JsonSerializer.Serialize(new { text = new string('a', 70_000) })), 413, "65536"),
        };

        foreach (var (name, content, status, mentions) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = content };
            using var response = await Client.SendAsync(request);
            var problem = await Problems.AssertProblemAsync(response, status);
            Assert.That(problem.Detail(), Does.Contain(mentions), name);
        }
    }

    [Test]
    public async Task Ask_Get_IsMethodNotAllowedProblem()
    {
        using var response = await Client.GetAsync("/api/ask");

        var problem = await Problems.AssertProblemAsync(response, 405);
        Assert.That(problem.Detail(), Does.Contain("GET"));
    }

    [Test]
    public async Task UnknownRoute_IsNotFoundProblem()
    {
        using var response = await Client.GetAsync("/api/nothing-here");

        var problem = await Problems.AssertProblemAsync(response, 404);
        Assert.That(problem.Detail(), Does.Contain("/api/nothing-here"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
