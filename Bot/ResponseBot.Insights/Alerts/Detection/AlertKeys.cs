namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// The situation keys: one unresolved alert per key, so a spike that goes on, or a user who complains again, updates
/// the alert instead of raising another. Subjects are pseudonyms; company names are not personal data.
/// </summary>
public static class AlertKeys
{
    /// <summary><c>spike:{topic}</c>.</summary>
    public static string Spike(string topic) => $"spike:{topic}";

    /// <summary><c>repeats:{subject}</c> for a user pseudonym.</summary>
    public static string RepeatsBySubject(string subject) => $"repeats:{subject}";

    /// <summary><c>repeats:company:{name}</c> for a company named in the inquiries.</summary>
    public static string RepeatsByCompany(string company) => $"repeats:company:{company}";

    /// <summary><c>escalation:{subject}</c>.</summary>
    public static string Escalation(string subject) => $"escalation:{subject}";

    /// <summary><c>very-negative:{topic}</c>.</summary>
    public static string VeryNegative(string topic) => $"very-negative:{topic}";
}
