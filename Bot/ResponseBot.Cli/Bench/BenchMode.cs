namespace ResponseBot.Cli.Bench;

/// <summary>What one part of the bench sends.</summary>
internal enum BenchMode
{
    /// <summary>POST /wechat in safe mode (安全模式): signed, encrypted requests and encrypted, signed replies.</summary>
    Safe,

    /// <summary>POST /wechat in plaintext mode (明文模式): signed requests, plain XML replies.</summary>
    Plain,

    /// <summary>POST /api/ask: the same questions as JSON, without the WeChat protocol or the turn pipeline.</summary>
    Ask,
}

/// <summary>The names the command line uses for <see cref="BenchMode"/>.</summary>
internal static class BenchModes
{
    public const string All = "safe,plain,ask";

    public static string Name(this BenchMode mode) => mode switch
    {
        BenchMode.Safe => "safe",
        BenchMode.Plain => "plain",
        _ => "ask",
    };

    /// <summary>Reads a comma-separated list such as <c>safe,ask</c>; null when a name is unknown or the list is empty.</summary>
    public static IReadOnlyList<BenchMode>? Parse(string list)
    {
        var modes = new List<BenchMode>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BenchMode? mode = name.ToLowerInvariant() switch
            {
                "safe" => BenchMode.Safe,
                "plain" => BenchMode.Plain,
                "ask" => BenchMode.Ask,
                _ => null,
            };
            if (mode is null)
            {
                return null;
            }

            if (!modes.Contains(mode.Value))
            {
                modes.Add(mode.Value);
            }
        }

        return modes.Count == 0 ? null : modes;
    }
}
