using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Simulation;

/// <summary>One generated inquiry, and whether it was injected as part of the spike.</summary>
/// <param name="Signal">The inquiry as the monitor sees it (text masked, user as a pseudonym).</param>
/// <param name="InSpike">Added by the spike, on top of the usual traffic.</param>
public sealed record SimulatedInquiry(InquirySignal Signal, bool InSpike);
