using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>The body of <c>/cgi-bin/stable_token</c>. Holds the AppSecret: never printed.</summary>
internal sealed record StableTokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("force_refresh")] bool ForceRefresh)
{
    public override string ToString() => $"StableTokenRequest(appid {AppId}, force_refresh {ForceRefresh})";
}

/// <summary>Every WeChat answer: <c>errcode</c>/<c>errmsg</c>, and the token fields of a token answer.</summary>
internal sealed record WeChatApiResponse
{
    [JsonPropertyName("errcode")]
    public int ErrorCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    public override string ToString() => $"WeChatApiResponse(errcode {ErrorCode})";
}

/// <summary>The body of a text <c>/cgi-bin/message/custom/send</c>.</summary>
internal sealed record CustomTextMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("msgtype")] string MessageType,
    [property: JsonPropertyName("text")] CustomTextContent Text);

/// <summary>The <c>text</c> object of a text message.</summary>
internal sealed record CustomTextContent([property: JsonPropertyName("content")] string Content);

/// <summary>The body of <c>/cgi-bin/menu/create</c>.</summary>
internal sealed record MenuJson([property: JsonPropertyName("button")] IReadOnlyList<MenuButtonJson> Buttons);

/// <summary>One button: <c>type</c> click with <c>key</c>, view with <c>url</c>, or a group with <c>sub_button</c>.</summary>
internal sealed record MenuButtonJson(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("sub_button")] IReadOnlyList<MenuButtonJson>? SubButtons);

[JsonSerializable(typeof(StableTokenRequest))]
[JsonSerializable(typeof(WeChatApiResponse))]
[JsonSerializable(typeof(CustomTextMessage))]
[JsonSerializable(typeof(MenuJson))]
internal sealed partial class WeChatApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context for what goes over the wire. Chinese is written as is, not as <c>\uXXXX</c>: WeChat shows such
    /// escapes literally in some places (menu names among them). The relaxed encoder is safe here because the JSON
    /// is never embedded in HTML. Absent members are left out, as WeChat's own examples do.
    /// </summary>
    public static WeChatApiJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
