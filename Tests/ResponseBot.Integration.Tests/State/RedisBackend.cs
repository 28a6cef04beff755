using Microsoft.Extensions.Options;
using ResponseBot.Bot.State;
using ResponseBot.Integration.Tests.Redis;
using StackExchange.Redis;

namespace ResponseBot.Integration.Tests.State;

/// <summary>Redis stores on the test server, under a key prefix of their own; time is real.</summary>
public sealed class RedisBackend : StateBackend
{
    private IConnectionMultiplexer? _redis;

    /// <summary>This test's key prefix.</summary>
    public string Prefix { get; } = TestRedis.NewPrefix();

    /// <summary>Storage options carrying <see cref="Prefix"/>.</summary>
    public IOptions<StorageOptions> Options => Microsoft.Extensions.Options.Options.Create(
        new StorageOptions { Provider = StorageProvider.Redis, RedisKeyPrefix = Prefix });

    /// <summary>The run's shared multiplexer; ignores the test when there is no server.</summary>
    public IConnectionMultiplexer Redis => _redis ??= TestRedis.Connect();

    public override TimeProvider Clock => TimeProvider.System;

    // Redis expires keys by its own clock, to the millisecond; a little extra covers the round trip.
    public override Task LetTimePassAsync(TimeSpan time) => Task.Delay(time + TimeSpan.FromMilliseconds(100));
}
