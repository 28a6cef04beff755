using ResponseBot.Bot.State;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.State;

[Category("Integration")]
public sealed class RedisConversationStoreTests : ConversationStoreContract<RedisBackend>
{
    protected override IConversationStore CreateStore(RedisBackend backend) =>
        new RedisConversationStore(backend.Redis, backend.Options);

    [Test]
    public async Task SaveAsync_WritesLegibleJsonUnderThePrefixWithTheTtl()
    {
        await CreateStore(Backend).SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        var database = Backend.Redis.GetDatabase();
        var key = $"{Backend.Prefix}conv:{Key.Channel}:{Key.UserId}";
        var json = (string?)await database.StringGetAsync(key);
        var ttl = await database.KeyTimeToLiveAsync(key);
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"lastEntryId\":\"sme-subsidy\"").And.Contain("专精特新"));
            Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(LongTtl));
        });
        await RedisAssert.KeysUnderPrefixHaveTimeToLiveAsync(Backend.Prefix, expectedKeys: 1);
    }
}
