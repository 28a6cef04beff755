using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>Where alerts are delivered, from the <c>Alerts</c> section (the detectors' settings share it).</summary>
public sealed class AlertDeliveryOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts";

    /// <summary>
    /// The address the press office opens the service at, e.g. <c>https://rb.example.gov.cn</c>; when set, messages
    /// link to its <c>/alerts</c> page.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>The WeCom group robot (<c>Alerts:WeCom</c>).</summary>
    public WeComOptions WeCom { get; set; } = new();

    /// <summary>The <c>/alerts</c> page of <see cref="PublicBaseUrl"/>, or <see langword="null"/> when none (or none valid) is set.</summary>
    /// <remarks>A method, not a property: the configuration binder reads properties, and this one is derived.</remarks>
    public Uri? AlertsPage() =>
        IsHttp(PublicBaseUrl) ? new Uri(new Uri(PublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute), "alerts") : null;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !IsHttp(PublicBaseUrl))
        {
            yield return new ValidationResult(
                "Alerts:PublicBaseUrl must be an absolute http or https address, e.g. https://rb.example.gov.cn.",
                [nameof(PublicBaseUrl)]);
        }

        var robot = new List<ValidationResult>();
        if (!Validator.TryValidateObject(WeCom, new ValidationContext(WeCom), robot, validateAllProperties: true))
        {
            foreach (var result in robot)
            {
                yield return new ValidationResult($"Alerts:WeCom: {result.ErrorMessage}", [.. result.MemberNames.Select(m => "WeCom." + m)]);
            }
        }

        // The robot's address holds its key: the message names the setting, never the value.
        if (WeCom.Enabled && !IsHttp(WeCom.WebhookUrl))
        {
            yield return new ValidationResult(
                "Alerts:WeCom:WebhookUrl must be an absolute http or https address " +
                "(https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…), or empty to send nothing.",
                ["WeCom.WebhookUrl"]);
        }
    }

    private static bool IsHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>The WeCom group robot (企业微信群机器人) that alerts are told to.</summary>
public sealed class WeComOptions
{
    /// <summary>
    /// The robot's webhook, <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>; empty sends nothing. It
    /// holds the robot's key: set it from the environment (<c>Alerts__WeCom__WebhookUrl</c>) and never log it.
    /// </summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Attempts of one message when the failures may pass (network, 5xx, errcode -1 or 45009).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each further retry waits twice as long, give or take half.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one call may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a webhook is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(WebhookUrl);
}
