using ResponseBot.Bot.State;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.State;

[Category("Integration")]
public sealed class RedisLockProviderTests : LockProviderContract<RedisBackend>
{
    protected override ILockProvider CreateLockProvider(RedisBackend backend) =>
        new RedisLockProvider(backend.Redis, backend.Options, backend.Clock);

    [Test]
    public async Task TryAcquireAsync_HoldsOneLockKeyUnderThePrefixWithTheLease_ReleaseDeletesIt()
    {
        var held = await CreateLockProvider(Backend).TryAcquireAsync("user:1", TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None);
        var ttl = await Backend.Redis.GetDatabase().KeyTimeToLiveAsync($"{Backend.Prefix}lock:user:1");
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        await RedisAssert.KeysUnderPrefixHaveTimeToLiveAsync(Backend.Prefix, expectedKeys: 1);

        await held!.DisposeAsync();

        await RedisAssert.KeysUnderPrefixHaveTimeToLiveAsync(Backend.Prefix, expectedKeys: 0);
    }
}
