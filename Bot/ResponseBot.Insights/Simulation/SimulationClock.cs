namespace ResponseBot.Insights.Simulation;

/// <summary>A clock the replay sets to each inquiry's time, so a week passes in seconds.</summary>
/// <param name="start">The time until the first <see cref="Set"/>.</param>
public sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now) => _now = now;
}
