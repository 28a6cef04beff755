namespace ResponseBot.Integration.Tests.Records;

/// <summary>
/// A wall clock that stands still until a test moves it, in China Standard Time, so that work-order ids follow the
/// local date rather than UTC's.
/// </summary>
internal sealed class RecordsClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>UTC+8 without daylight saving, as the service runs.</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } =
        TimeZoneInfo.CreateCustomTimeZone("Test China Standard Time", TimeSpan.FromHours(8), "CST", "CST");

    private long _utcTicks = start.UtcTicks;

    public override TimeZoneInfo LocalTimeZone => ChinaStandardTime;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
