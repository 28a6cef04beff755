using System.Text.Json;

namespace ResponseBot.Host.Tests;

/// <summary>Assertions shared by the error tests: every error is a ProblemDetails that says what went wrong.</summary>
internal static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(status), body);
            Assert.That(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null, Is.Not.Null.And.Not.Empty, body);
        });
        return problem;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
