namespace ResponseBot.Integration.Tests.State;

/// <summary>
/// A clock that stands still until a test moves it. Only the wall clock is manual: timers and timestamps stay real,
/// so a store's waits still end, while expiry and leases (which go by <see cref="GetUtcNow"/>) move only on
/// <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
