namespace ResponseBot.Insights.Simulation;

/// <summary>What week to simulate and what spike to inject into it.</summary>
public sealed record AlertSimulationOptions
{
    /// <summary>Days simulated, from <see cref="Start"/>.</summary>
    public int Days { get; init; } = 7;

    /// <summary>The hot topic the spike hits.</summary>
    public string SpikeTopic { get; init; } = "nev";

    /// <summary>The day of the spike, 1 for the first.</summary>
    public int SpikeDay { get; init; } = 5;

    /// <summary>The local hour (China time) the spike starts.</summary>
    public int SpikeHour { get; init; } = 10;

    /// <summary>During the spike the topic's inquiries arrive this many times as fast; the extra ones are negative.</summary>
    public double SpikeRate { get; init; } = 6;

    /// <summary>How long the spike lasts.</summary>
    public int SpikeHours { get; init; } = 3;

    /// <summary>The random seed: the same seed, the same week.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Midnight of the first day, China time (a Monday, so the week has its weekend).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>When the spike starts.</summary>
    public DateTimeOffset SpikeStart => Start.AddDays(SpikeDay - 1).AddHours(SpikeHour);

    /// <summary>When the spike ends.</summary>
    public DateTimeOffset SpikeEnd => SpikeStart.AddHours(SpikeHours);

    /// <summary>A message naming the first option out of range, or <see langword="null"/> when all are usable.</summary>
    public string? Validate() =>
        !InquiryGenerator.HotTopics.Contains(SpikeTopic) ? $"--spike-topic must be one of {string.Join(", ", InquiryGenerator.HotTopics)}"
        : Days is < 1 or > 60 ? "--days must be 1–60"
        : SpikeDay < 1 || SpikeDay > Days ? $"--spike-day must be 1–{Days} (one of the simulated days)"
        : SpikeHour is < 0 or > 23 ? "--spike-hour must be 0–23"
        : SpikeRate is < 1 or > 100 || double.IsNaN(SpikeRate) ? "--spike-rate must be 1–100 (times the usual rate)"
        : SpikeHours is < 1 or > 24 ? "spike hours must be 1–24"
        : null;
}
