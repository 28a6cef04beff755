using ResponseBot.Connectors.WeChat.Api;
using ResponseBot.Integration.Tests.Redis;

namespace ResponseBot.Integration.Tests.State;

[Category("Integration")]
public sealed class RedisAccessTokenStoreTests : AccessTokenStoreContract<RedisBackend>
{
    protected override IAccessTokenStore CreateStore(RedisBackend backend) =>
        new RedisAccessTokenStore(backend.Redis, backend.Options, backend.Clock);

    [Test]
    public async Task SaveAsync_WritesValueAndExpiryUnderThePrefix_ExpiringWithTheToken()
    {
        var token = new AccessToken("ACCESS_TOKEN", ExpiresIn(TimeSpan.FromHours(2)));

        await CreateStore(Backend).SaveAsync(AppId, token, CancellationToken.None);

        var database = Backend.Redis.GetDatabase();
        var key = $"{Backend.Prefix}wechat:token:{AppId}";
        var stored = (string?)await database.StringGetAsync(key);
        var ttl = await database.KeyTimeToLiveAsync(key);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo($"ACCESS_TOKEN|{token.ExpiresAt.ToUnixTimeMilliseconds()}"));
            Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromHours(2)));
        });
        await RedisAssert.KeysUnderPrefixHaveTimeToLiveAsync(Backend.Prefix, expectedKeys: 1);
    }
}
