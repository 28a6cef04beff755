using ResponseBot.Bot.State;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.State;

[Category("Integration")]
public sealed class RedisMessageDeduplicatorTests : MessageDeduplicatorContract<RedisBackend>
{
    protected override IMessageDeduplicator CreateDeduplicator(RedisBackend backend) =>
        new RedisMessageDeduplicator(backend.Redis, backend.Options);

    [Test]
    public async Task TryMarkSeenAsync_WritesOneSeenKeyUnderThePrefixWithItsTtl()
    {
        await CreateDeduplicator(Backend).TryMarkSeenAsync("wechat:1001", TimeSpan.FromMinutes(5), CancellationToken.None);

        var ttl = await Backend.Redis.GetDatabase().KeyTimeToLiveAsync($"{Backend.Prefix}seen:wechat:1001");

        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(5)));
        await RedisAssert.KeysUnderPrefixHaveTimeToLiveAsync(Backend.Prefix, expectedKeys: 1);
    }
}
