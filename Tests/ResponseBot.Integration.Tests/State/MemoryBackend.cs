namespace ResponseBot.Integration.Tests.State;

/// <summary>In-memory stores, on a clock that moves only when a test says so.</summary>
public sealed class MemoryBackend : StateBackend
{
    public ManualTimeProvider ManualClock { get; } = new();

    public override TimeProvider Clock => ManualClock;

    public override Task LetTimePassAsync(TimeSpan time)
    {
        ManualClock.Advance(time);
        return Task.CompletedTask;
    }
}
