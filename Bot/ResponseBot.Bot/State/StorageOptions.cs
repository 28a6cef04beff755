using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Bot.State;

/// <summary>Where runtime state and conversation records live.</summary>
public enum StorageProvider
{
    /// <summary>One instance: state in memory, records in the SQLite file beside the knowledge base.</summary>
    Sqlite,

    /// <summary>Any number of instances sharing one Redis (<c>ConnectionStrings:Redis</c>).</summary>
    Redis,
}

/// <summary>The <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (the default, nothing to install) or <c>Redis</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Prefix of every Redis key this service writes, so several deployments can share one Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.:-]{1,32}$")]
    public string RedisKeyPrefix { get; set; } = "rb:";
}
