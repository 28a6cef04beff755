using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponseBot.Connectors.WeChat;
using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Cli.Commands;

/// <summary><c>wechat menu push</c>: the 公众号 custom menu from configuration to WeChat.</summary>
internal static class WeChatCommands
{
    public static Command Create() => new("wechat", "Manage the WeChat Official Account (公众号).")
    {
        new Command("menu", "The custom menu, configured in WeChat:Menu (appsettings.json or WeChat__Menu__0__Name, …).")
        {
            Push(),
        },
    };

    private static Command Push()
    {
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check the menu and print the JSON that would be sent, without calling WeChat",
        };
        var command = new Command(
            "push",
            "Check WeChat:Menu against WeChat's limits and make it the account's menu (menu/create). Needs WeChat__AppId " +
            "and WeChat__AppSecret; uses the stable access token, so the running service's token stays valid.")
        {
            dryRun,
        };
        command.SetAction((parse, cancellationToken) => PushAsync(
            parse.GetValue(dryRun), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> PushAsync(bool dryRun, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliSettings.Load().WeChat;
        var menu = CheckedMenu(options, stderr);
        if (dryRun)
        {
            stdout.WriteLine(menu.ToJson());
            return CliApp.Ok;
        }

        if (string.IsNullOrWhiteSpace(options.AppId) || string.IsNullOrWhiteSpace(options.AppSecret))
        {
            throw CliException.BadInput(
                "set WeChat__AppId and WeChat__AppSecret (公众号 developer settings) to push the menu, or pass --dry-run");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            throw CliException.BadInput($"WeChat:ApiBaseUrl \"{options.ApiBaseUrl}\" is not an absolute address");
        }

        using var http = new HttpClient();
        WeChatApiClient.Configure(http, options);
        var client = new WeChatApiClient(http, Options.Create(options), TimeProvider.System, NullLogger<WeChatApiClient>.Instance);
        AccessToken token;
        try
        {
            token = await client.GetStableTokenAsync(false, cancellationToken);
        }
        catch (WeChatApiException ex)
        {
            throw new CliException($"no access token, nothing was sent: {ex.Message}");
        }

        try
        {
            await client.CreateMenuAsync(token.Value, menu, cancellationToken);
        }
        catch (WeChatApiException ex)
        {
            throw new CliException($"the menu was not changed: {ex.Message}");
        }

        stdout.WriteLine($"WeChat answered errcode 0 (ok): the menu of {options.Menu.Count} button(s) is live.");
        return CliApp.Ok;
    }

    /// <summary>The configured menu, or bad input with every problem listed on stderr.</summary>
    private static WeChatMenu CheckedMenu(WeChatOptions options, TextWriter stderr)
    {
        if (options.Menu.Count == 0)
        {
            throw CliException.BadInput(
                "WeChat:Menu is empty: configure buttons in appsettings.json (WeChat:Menu) or as WeChat__Menu__0__Name, " +
                "WeChat__Menu__0__Key, WeChat__Menu__0__EntryIds__0, …");
        }

        var problems = WeChatMenu.Validate(options.Menu);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem);
        }

        return problems.Count == 0
            ? WeChatMenu.Create(options.Menu)
            : throw CliException.BadInput($"the menu breaks {problems.Count} of WeChat's rules (listed above); nothing was sent");
    }
}
