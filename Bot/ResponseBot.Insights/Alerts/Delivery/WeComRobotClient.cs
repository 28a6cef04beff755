using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>
/// Posts markdown messages to the WeCom group robot's webhook and reads its <c>{"errcode":0,"errmsg":"ok"}</c>; any
/// other answer becomes a <see cref="WeComException"/>. The same code talks to WeCom and to a local fake: only
/// <see cref="WeComOptions.WebhookUrl"/> differs.
/// </summary>
/// <remarks>
/// The webhook's query string holds the robot's key: nothing here puts the address in a log or an exception, and
/// the HttpClient this type is registered with has the factory's request logging removed.
/// </remarks>
public sealed class WeComRobotClient(HttpClient http, IOptions<AlertDeliveryOptions> options)
{
    /// <summary>The most UTF-8 bytes of a markdown message's content.</summary>
    public const int MaxMarkdownBytes = 4096;

    /// <summary>Sends <paramref name="content"/> as a markdown message.</summary>
    /// <exception cref="WeComException">The robot refused it, or it did not get there.</exception>
    public async Task SendMarkdownAsync(string content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        var settings = options.Value.WeCom;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(
                settings.WebhookUrl, new WeComMarkdownMessage("markdown", new WeComMarkdown(content)),
                WeComJsonContext.Default.WeComMarkdownMessage, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WeComException("the robot did not answer in time", errorCode: null, transient: true);
        }
        catch (HttpRequestException ex)
        {
            // The exception's message may quote the address; keep only what kind of failure it was.
            throw new WeComException($"the request failed ({ex.HttpRequestError})", errorCode: null, transient: true);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new WeComException($"HTTP {status}", errorCode: null, transient: status >= 500 || status == 429);
            }

            WeComAnswer? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync(WeComJsonContext.Default.WeComAnswer, timeout.Token);
            }
            catch (JsonException)
            {
                throw new WeComException("the answer was not JSON", errorCode: null, transient: true);
            }

            if (answer is null || answer.ErrorCode != 0)
            {
                var code = answer?.ErrorCode ?? -1;
                throw new WeComException(
                    $"errcode {code}", code, transient: code is WeComException.SystemBusy or WeComException.RateLimited);
            }
        }
    }
}

/// <summary>A message WeCom refused or that did not get there.</summary>
public sealed class WeComException(string message, int? errorCode, bool transient) : Exception(message)
{
    /// <summary>WeCom's "system busy": try again later.</summary>
    public const int SystemBusy = -1;

    /// <summary>WeCom's rate limit (a robot may send 20 messages a minute).</summary>
    public const int RateLimited = 45009;

    /// <summary>WeCom's errcode, when it answered with one.</summary>
    public int? ErrorCode { get; } = errorCode;

    /// <summary>Whether trying again later may succeed: network errors, HTTP 5xx, errcode -1 and 45009.</summary>
    public bool IsTransient { get; } = transient;
}

internal sealed record WeComMarkdownMessage(
    [property: JsonPropertyName("msgtype")] string MessageType,
    [property: JsonPropertyName("markdown")] WeComMarkdown Markdown);

internal sealed record WeComMarkdown([property: JsonPropertyName("content")] string Content);

internal sealed record WeComAnswer(
    [property: JsonPropertyName("errcode")] int ErrorCode,
    [property: JsonPropertyName("errmsg")] string? ErrorMessage);

[JsonSerializable(typeof(WeComMarkdownMessage))]
[JsonSerializable(typeof(WeComAnswer))]
internal sealed partial class WeComJsonContext : JsonSerializerContext;
