using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Insights.Alerts;

/// <summary>The <c>Alerts</c> section: what the detectors count as a spike, a repeat, an escalation and a very negative inquiry.</summary>
public sealed class AlertsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts";

    /// <summary>The escalation words used when <see cref="EscalationTerms"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultEscalationTerms =
    [
        "曝光", "媒体", "记者", "上访", "投诉到省里", "12345投诉无门", "找领导", "起诉", "举报到纪委", "市长信箱", "网上发帖",
        "电视台", "省长信箱", "信访", "维权", "拉横幅",
    ];

    /// <summary>Whether inquiries are watched at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The spike window in minutes; a whole number of statistics buckets (1 hour by default). The window is the
    /// bucket the inquiry falls in and the ones just before it.
    /// </summary>
    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 60;

    /// <summary>A spike needs at least this many negative inquiries in the window, however small the baseline.</summary>
    [Range(1, 10_000)]
    public int MinimumCount { get; set; } = 5;

    /// <summary>
    /// A spike needs the Poisson upper-tail probability of its count, given the baseline, to be at most the normal tail
    /// beyond this z (4 ≈ p 3.2e-5: about one false alarm in 30,000 topic-windows).
    /// </summary>
    [Range(1.0, 20.0)]
    public double SpikeZ { get; set; } = 4.0;

    /// <summary>Days of trailing windows the baseline is learned from.</summary>
    [Range(1, 60)]
    public int BaselineDays { get; set; } = 7;

    /// <summary>Negative inquiries by one user or company within <see cref="RepeatHours"/> that raise a repeats alert.</summary>
    [Range(2, 1000)]
    public int RepeatThreshold { get; set; } = 3;

    /// <summary>The period repeats are counted over; also how long escalation and very-negative alerts keep accumulating.</summary>
    [Range(1, 24 * 30)]
    public int RepeatHours { get; set; } = 24;

    /// <summary>A single inquiry on a hot topic whose negative probability reaches this raises a very-negative alert.</summary>
    [Range(0.5, 1.0)]
    public double VeryNegativeProbability { get; set; } = 0.9;

    /// <summary>Escalation words, matched on the normalised text; <see cref="DefaultEscalationTerms"/> when empty.</summary>
    /// <remarks>An array, not a list with defaults: configuration binding appends to a pre-filled list.</remarks>
    public string[]? EscalationTerms { get; set; }

    /// <summary>The escalation words in force: the configured ones, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveEscalationTerms =>
        EscalationTerms is { Length: > 0 } terms ? terms : DefaultEscalationTerms;
}
