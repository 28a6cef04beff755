using Microsoft.Extensions.Options;
using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Connectors.WeChat;

/// <summary>
/// Checks the <c>WeChat</c> section at start-up when it is enabled, naming the environment variable to set
/// (<c>WeChat__Token</c>) so the fix is obvious from the failure alone.
/// </summary>
internal sealed class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    /// <summary>The length of an EncodingAESKey: 32 bytes in base64 without its trailing "=".</summary>
    public const int EncodingAesKeyLength = 43;

    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            problems.Add("WeChat:Token is required when WeChat is enabled: set WeChat__Token to the Token of the 公众号 server configuration");
        }
        else if (options.Token.Length is < 3 or > 32 || !options.Token.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add("WeChat__Token must be 3 to 32 letters and digits, as the 公众号 console requires");
        }

        if (options.Mode != WeChatMode.Plain)
        {
            if (options.EncodingAESKey.Length != EncodingAesKeyLength || !options.EncodingAESKey.All(char.IsAsciiLetterOrDigit))
            {
                problems.Add(
                    $"WeChat__EncodingAESKey must be the {EncodingAesKeyLength} letters and digits of the 公众号 console " +
                    $"(it is {options.EncodingAESKey.Length} characters) when WeChat:Mode is {options.Mode}");
            }

            if (string.IsNullOrWhiteSpace(options.AppId))
            {
                problems.Add($"WeChat__AppId is required when WeChat:Mode is {options.Mode}: encrypted messages end with it");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.AppSecret) && string.IsNullOrWhiteSpace(options.AppId))
        {
            problems.Add("WeChat__AppId is required with WeChat__AppSecret: access tokens are issued per AppID");
        }

        if (options.Menu.Count > 0)
        {
            problems.AddRange(WeChatMenu.Validate(options.Menu));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
