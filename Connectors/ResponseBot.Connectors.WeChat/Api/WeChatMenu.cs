using System.Text;
using System.Text.Json;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>
/// The custom menu of <see cref="WeChatOptions.Menu"/>, checked against WeChat's limits, as the JSON that
/// <c>/cgi-bin/menu/create</c> takes, with the entries each CLICK key offers.
/// </summary>
public sealed class WeChatMenu
{
    /// <summary>Top-level buttons WeChat shows.</summary>
    public const int MaxButtons = 3;

    /// <summary>Buttons under one top-level button.</summary>
    public const int MaxSubButtons = 5;

    /// <summary>UTF-8 bytes of a top-level name (4 Chinese characters and a bit).</summary>
    public const int MaxNameBytes = 16;

    /// <summary>UTF-8 bytes of a sub-button name.</summary>
    public const int MaxSubNameBytes = 60;

    /// <summary>UTF-8 bytes of a CLICK key.</summary>
    public const int MaxKeyBytes = 128;

    /// <summary>UTF-8 bytes of a VIEW url.</summary>
    public const int MaxUrlBytes = 1024;

    private const string Path = "WeChat:Menu";

    private readonly Dictionary<string, IReadOnlyList<string>> _entriesByKey;

    private WeChatMenu(MenuJson json, Dictionary<string, IReadOnlyList<string>> entriesByKey)
    {
        Json = json;
        _entriesByKey = entriesByKey;
    }

    /// <summary>No menu: every CLICK key is unknown. What the service uses while <c>WeChat:Menu</c> is empty.</summary>
    public static WeChatMenu None { get; } = new(new MenuJson([]), new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    internal MenuJson Json { get; }

    /// <summary>
    /// What is wrong with <paramref name="buttons"/> for WeChat, one sentence per problem naming the configuration
    /// path (<c>WeChat:Menu:0:SubButtons:1</c>); empty when the menu can be pushed.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<WeChatMenuButton> buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var problems = new List<string>();
        if (buttons.Count == 0)
        {
            problems.Add($"{Path} has no buttons");
        }
        else if (buttons.Count > MaxButtons)
        {
            problems.Add($"{Path} has {buttons.Count} buttons; WeChat shows at most {MaxButtons}");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            var where = $"{Path}:{i}{Named(button)}";
            CheckButton(button, where, MaxNameBytes, keys, problems);
            if (button.SubButtons.Count > MaxSubButtons)
            {
                problems.Add($"{where} has {button.SubButtons.Count} sub-buttons; at most {MaxSubButtons}");
            }

            for (var j = 0; j < button.SubButtons.Count; j++)
            {
                var sub = button.SubButtons[j];
                var subWhere = $"{Path}:{i}:SubButtons:{j}{Named(sub)}";
                CheckButton(sub, subWhere, MaxSubNameBytes, keys, problems);
                if (sub.SubButtons.Count > 0)
                {
                    problems.Add($"{subWhere} has sub-buttons of its own; WeChat menus have two levels only");
                }
            }
        }

        return problems;
    }

    /// <summary>The menu of <paramref name="buttons"/>; throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static WeChatMenu Create(IReadOnlyList<WeChatMenuButton> buttons)
    {
        var problems = Validate(buttons);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"the WeChat menu is not valid: {string.Join("; ", problems)}", nameof(buttons));
        }

        var entries = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var json = new MenuJson([.. buttons.Select(b => ToJson(b, entries))]);
        return new WeChatMenu(json, entries);
    }

    /// <summary>The <c>/cgi-bin/menu/create</c> body, Chinese written as is.</summary>
    public string ToJson() => JsonSerializer.Serialize(Json, WeChatApiJsonContext.Wire.MenuJson);

    /// <summary>The entries a CLICK on <paramref name="key"/> offers, in order; empty for an unknown key.</summary>
    public IReadOnlyList<string> EntriesFor(string key) =>
        key is not null && _entriesByKey.TryGetValue(key, out var entries) ? entries : [];

    private static MenuButtonJson ToJson(WeChatMenuButton button, Dictionary<string, IReadOnlyList<string>> entries)
    {
        if (button.SubButtons.Count > 0)
        {
            return new MenuButtonJson(null, button.Name, null, null, [.. button.SubButtons.Select(s => ToJson(s, entries))]);
        }

        if (!string.IsNullOrEmpty(button.Key))
        {
            entries[button.Key] = [.. button.EntryIds];
            return new MenuButtonJson("click", button.Name, button.Key, null, null);
        }

        return new MenuButtonJson("view", button.Name, null, button.Url, null);
    }

    private static void CheckButton(
        WeChatMenuButton button, string where, int maxNameBytes, HashSet<string> keys, List<string> problems)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(button.Name ?? string.Empty);
        if (string.IsNullOrWhiteSpace(button.Name))
        {
            problems.Add($"{where} has no Name");
        }
        else if (nameBytes > maxNameBytes)
        {
            problems.Add($"{where}: Name is {nameBytes} bytes in UTF-8; at most {maxNameBytes} (a Chinese character is 3)");
        }

        var hasKey = !string.IsNullOrEmpty(button.Key);
        var hasUrl = !string.IsNullOrEmpty(button.Url);
        var hasSubs = button.SubButtons.Count > 0;
        var kinds = (hasKey ? 1 : 0) + (hasUrl ? 1 : 0) + (hasSubs ? 1 : 0);
        if (kinds != 1)
        {
            problems.Add($"{where} must have exactly one of Key (a click), Url (a page) or SubButtons; it has {kinds}");
        }

        if (hasKey)
        {
            var keyBytes = Encoding.UTF8.GetByteCount(button.Key!);
            if (keyBytes > MaxKeyBytes)
            {
                problems.Add($"{where}: Key is {keyBytes} bytes in UTF-8; at most {MaxKeyBytes}");
            }

            if (!keys.Add(button.Key!))
            {
                problems.Add($"{where}: Key \"{button.Key}\" is used by another button too");
            }
        }
        else if (button.EntryIds.Count > 0)
        {
            problems.Add($"{where} lists EntryIds but has no Key; only a click button offers entries");
        }

        if (hasUrl)
        {
            var urlBytes = Encoding.UTF8.GetByteCount(button.Url!);
            if (!Uri.TryCreate(button.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{where}: Url \"{button.Url}\" is not an absolute http(s) address");
            }
            else if (urlBytes > MaxUrlBytes)
            {
                problems.Add($"{where}: Url is {urlBytes} bytes; at most {MaxUrlBytes}");
            }
        }
    }

    private static string Named(WeChatMenuButton button) =>
        string.IsNullOrWhiteSpace(button.Name) ? string.Empty : $" (\"{button.Name}\")";
}
