using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Simulation;

/// <summary>A spike alert raised or updated for a window away from the injected spike.</summary>
/// <param name="Topic">The topic it was about.</param>
/// <param name="At">When the monitor raised or updated it.</param>
/// <param name="WindowStart">The window it found.</param>
/// <param name="Count">Negative inquiries in the window.</param>
/// <param name="Baseline">What the baseline predicted.</param>
/// <param name="Statistic">The z.</param>
public sealed record SpikeAlarm(string Topic, DateTimeOffset At, DateTimeOffset WindowStart, int Count, double? Baseline, double? Statistic);

/// <summary>What a replayed week showed: the traffic, when the spike was caught, false alarms and the other alerts.</summary>
/// <param name="Options">The simulated week.</param>
/// <param name="Window">The detectors' window.</param>
/// <param name="Inquiries">Inquiries replayed.</param>
/// <param name="Negative">Of them, negative.</param>
/// <param name="SpikeInquiries">Negative inquiries the spike added.</param>
/// <param name="Detection">The first spike alert change on the spike's topic whose window overlaps the spike.</param>
/// <param name="FalseAlarms">Spike alert changes for windows away from the injected spike, one per topic and window.</param>
/// <param name="Alerts">Every alert at the end of the week, most recently updated first.</param>
/// <param name="Changes">Alert changes written to the feed (raised and updated).</param>
public sealed record AlertSimulationReport(
    AlertSimulationOptions Options,
    TimeSpan Window,
    int Inquiries,
    int Negative,
    int SpikeInquiries,
    AlertChange? Detection,
    IReadOnlyList<SpikeAlarm> FalseAlarms,
    IReadOnlyList<Alert> Alerts,
    int Changes)
{
    /// <summary>When the spike was caught.</summary>
    public DateTimeOffset? DetectedAt => Detection?.Alert.UpdatedAt;

    /// <summary>From the spike's start to its detection.</summary>
    public TimeSpan? Delay => DetectedAt - Options.SpikeStart;

    /// <summary>The delay in windows.</summary>
    public double? DelayWindows => Delay is { } delay ? delay / Window : null;

    /// <summary>Detected no later than one window after the spike began.</summary>
    public bool CaughtWithinOneWindow => Delay is { } delay && delay <= Window;

    /// <summary>Caught within one window and no false spike alarm.</summary>
    public bool Passed => CaughtWithinOneWindow && FalseAlarms.Count == 0;

    /// <summary>Alerts per kind at the end of the week.</summary>
    public IReadOnlyDictionary<AlertKind, int> AlertsByKind =>
        Enum.GetValues<AlertKind>().ToDictionary(kind => kind, kind => Alerts.Count(a => a.Kind == kind));
}
