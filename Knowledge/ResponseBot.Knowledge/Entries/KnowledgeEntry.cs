namespace ResponseBot.Knowledge.Entries;

/// <summary>Where an entry is in its life: only published entries reach a snapshot that channels read.</summary>
public enum EntryStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>An optional link rendered as a news card (图文消息) in channels that support it.</summary>
public sealed record NewsLink(string Title, string Url);

/// <summary>A follow-up prompt offered after an answer: what the user sees, and the entry it leads to.</summary>
public sealed record FollowUp(string Text, string EntryId);

/// <summary>
/// One curated question and its answer, at one version. Every change is a new version; the store keeps them all.
/// </summary>
public sealed record KnowledgeEntry
{
    /// <summary>The longest answer a channel can show in one message without splitting.</summary>
    public const int MaxAnswerLength = 2000;

    public required string Id { get; init; }
    public required string Question { get; init; }
    public IReadOnlyList<string> Alternates { get; init; } = [];
    public required string Answer { get; init; }
    public NewsLink? Link { get; init; }

    /// <summary>A department code from taxonomy.json: the office that owns the answer.</summary>
    public required string Department { get; init; }

    /// <summary>Hot-topic codes from taxonomy.json; most entries have none or one.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The policy document number (文号), e.g. 常经信发〔2024〕12号.</summary>
    public string? PolicyReference { get; init; }
    public string? SourceUrl { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];
    public EntryStatus Status { get; init; } = EntryStatus.Draft;

    /// <summary>1 for the first saved version; 0 for an entry not yet saved.</summary>
    public int Version { get; init; }
    public string? UpdatedBy { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>True when the entry is in force on <paramref name="day"/>.</summary>
    public bool IsInForce(DateOnly day) =>
        (EffectiveFrom is null || EffectiveFrom <= day) && (ExpiresOn is null || ExpiresOn >= day);
}
