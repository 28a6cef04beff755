using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResponseBot.Host.Tests.Endpoints;

/// <summary>
/// The clarify and fallback shapes, on services whose thresholds force the tier, so the test does not depend on
/// where a vague question happens to score.
/// </summary>
public sealed class AskTierTests
{
    // Many demo entries are about subsidies; none is the obvious one.
    private const string VagueQuestion = "补贴";

    [Test]
    public async Task Ask_ScoreBelowAnswerThreshold_OffersNumberedChoices()
    {
        var reply = await AskAsync(VagueQuestion, answerThreshold: "1", clarifyThreshold: "0");

        var choices = reply.GetProperty("choices").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reply.GetProperty("tier").GetString(), Is.EqualTo("clarify"));
            Assert.That(choices, Has.Count.InRange(1, 3));
            Assert.That(choices.Select(c => c.GetProperty("number").GetInt32()), Is.EqualTo(Enumerable.Range(1, choices.Count)));
            Assert.That(reply.GetProperty("text").GetString(), Does.StartWith("您是想问：\n1. "));
            Assert.That(reply.GetProperty("text").GetString(), Does.EndWith("请回复数字选择，或换个说法再问。"));
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain(choices[0].GetProperty("text").GetString()));
            Assert.That(choices[0].GetProperty("entryId").GetString(), Is.EqualTo(reply.GetProperty("hits")[0].GetProperty("entryId").GetString()));
            Assert.That(reply.TryGetProperty("answer", out _), Is.False);
            Assert.That(reply.TryGetProperty("entryId", out _), Is.False);
        });
    }

    [Test]
    public async Task Ask_ScoreBelowClarifyThreshold_FallsBackToTheBestHitsDepartment()
    {
        var reply = await AskAsync(VagueQuestion, answerThreshold: "1", clarifyThreshold: "1");

        var best = reply.GetProperty("hits")[0];
        var department = reply.GetProperty("department");
        Assert.Multiple(() =>
        {
            Assert.That(reply.GetProperty("tier").GetString(), Is.EqualTo("fallback"));
            Assert.That(best.GetProperty("score").GetDouble(), Is.LessThan(1.0));
            Assert.That(department.GetProperty("code").GetString(), Is.Not.Empty);
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain(department.GetProperty("name").GetString()));
            Assert.That(reply.GetProperty("text").GetString(), Does.Contain("转人工"));
            Assert.That(reply.GetProperty("choices").GetArrayLength(), Is.Zero);
        });
    }

    private static async Task<JsonElement> AskAsync(string text, string answerThreshold, string clarifyThreshold)
    {
        var path = ResponseBotFactory.NewDatabasePath();
        try
        {
            await using var factory = new ResponseBotFactory(path, new Dictionary<string, string?>
            {
                ["Knowledge:AnswerThreshold"] = answerThreshold,
                ["Knowledge:ClarifyThreshold"] = clarifyThreshold,
            });
            using var client = factory.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/ask", new { text });
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        finally
        {
            ResponseBotFactory.DeleteDatabase(path);
        }
    }
}
