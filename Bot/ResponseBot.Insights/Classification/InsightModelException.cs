namespace ResponseBot.Insights.Classification;

/// <summary>
/// A trained insight model cannot be used: its file is missing, unreadable, or was made for another model or
/// feature version. The message names the file and says how to fix it.
/// </summary>
public sealed class InsightModelException : Exception
{
    /// <summary>Creates the exception with a message for people.</summary>
    public InsightModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for people and the error underneath.</summary>
    public InsightModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public InsightModelException()
    {
    }
}
