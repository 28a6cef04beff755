using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Knowledge;

/// <summary>The section <c>Knowledge</c> of appsettings.json.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>A calibrated score at or above this answers outright. Chosen by <c>responsebot eval retrieval</c>.</summary>
    [Range(0.0, 1.0)]
    public double AnswerThreshold { get; set; } = 0.6;

    /// <summary>Below <see cref="AnswerThreshold"/> but at or above this, the user is offered numbered choices.</summary>
    [Range(0.0, 1.0)]
    public double ClarifyThreshold { get; set; } = 0.25;

    /// <summary>
    /// When the runner-up scores within this of the best and at least the clarify threshold, the user chooses instead
    /// of being answered: near-neighbour entries (技改备案 vs 技改核准) are where outright answers go wrong.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AmbiguityMargin { get; set; } = 0.15;

    /// <summary>How many numbered choices a clarification offers.</summary>
    [Range(2, 5)]
    public int ClarifyChoices { get; set; } = 3;

    /// <summary>The SQLite file of the embedded store; a relative path is resolved against the current directory.</summary>
    [Required]
    public string SqlitePath { get; set; } = "responsebot.db";

    /// <summary>
    /// How often the service looks for a snapshot published by another process (the CLI) and makes it live;
    /// 0 turns the check off.
    /// </summary>
    [Range(0, 3600)]
    public int ReloadIntervalSeconds { get; set; } = 10;

    /// <summary>The demo knowledge base imported and published when the store is empty; empty to start blank.</summary>
    public string? SeedFile { get; set; } = "data/kb/demo.jsonl";
}
