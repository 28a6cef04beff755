using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using ResponseBot.Connectors.WeChat;
using ResponseBot.Knowledge;

namespace ResponseBot.Cli;

/// <summary>
/// Configuration as the service reads it: appsettings.json beside the executable, then environment variables
/// (<c>Knowledge__SqlitePath</c>), so the command line and the service agree on the store and the thresholds.
/// </summary>
internal sealed class CliSettings
{
    private CliSettings(KnowledgeOptions knowledge, WeChatOptions weChat)
    {
        Knowledge = knowledge;
        WeChat = weChat;
    }

    public KnowledgeOptions Knowledge { get; }

    /// <summary>The <c>WeChat</c> section, unchecked: the commands that use it check what they need.</summary>
    public WeChatOptions WeChat { get; }

    public static CliSettings Load()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var knowledge = new KnowledgeOptions();
        configuration.GetSection(KnowledgeOptions.SectionName).Bind(knowledge);
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(knowledge, new ValidationContext(knowledge), problems, validateAllProperties: true))
        {
            throw new CliException($"configuration section {KnowledgeOptions.SectionName}: {problems[0].ErrorMessage}");
        }

        var weChat = new WeChatOptions();
        configuration.GetSection(WeChatOptions.SectionName).Bind(weChat);
        return new CliSettings(knowledge, weChat);
    }

    /// <summary>
    /// The store file: <paramref name="explicitPath"/> when given, else the configured one. Relative paths are
    /// relative to the current directory, as for the service started from the same place.
    /// </summary>
    public string DatabasePath(string? explicitPath) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(explicitPath) ? Knowledge.SqlitePath : explicitPath);
}
