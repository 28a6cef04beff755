using System.Globalization;

namespace ResponseBot.Bot.Records;

/// <summary>What both record stores check and compute alike, so the providers cannot drift apart.</summary>
internal static class RecordQueries
{
    /// <summary>A listing returns at least one record.</summary>
    public static void CheckLimit(int limit) => ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

    /// <summary>A user id names someone only within a channel, so it filters only together with one.</summary>
    public static void CheckInteractionFilter(string? channel, string? userId, int limit)
    {
        CheckLimit(limit);
        if (userId is not null && channel is null)
        {
            throw new ArgumentException("A user id filters interactions only together with its channel.", nameof(userId));
        }
    }

    /// <summary>
    /// Refuses a blank user: anonymised work orders keep an empty user id, and forgetting "" would touch all of them.
    /// </summary>
    public static void CheckUser(string channel, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
    }

    /// <summary>The day part of a work-order id: the service's local date, <c>yyyyMMdd</c>.</summary>
    public static string WorkOrderDay(TimeProvider clock) =>
        clock.GetLocalNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary><c>WO-20261127-0001</c>: the day and that day's running number (more digits past 9999).</summary>
    public static string WorkOrderId(string day, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"WO-{day}-{number:D4}");
}
