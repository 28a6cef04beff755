namespace ResponseBot.Integration.Tests.AlertsApi;

/// <summary>
/// "Now" is a fixed moment, while delays and timers run on the system clock: the service's pollers keep polling and
/// what it reads as the current time is what the test chose.
/// </summary>
internal sealed class FixedNowTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
