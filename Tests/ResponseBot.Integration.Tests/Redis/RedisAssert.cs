namespace ResponseBot.Integration.Tests.Redis;

/// <summary>Checks on what a store left in the test Redis.</summary>
internal static class RedisAssert
{
    /// <summary>
    /// Scans <c>{prefix}*</c> and asserts that it finds <paramref name="expectedKeys"/> keys, each with a time to live:
    /// a key written without the prefix is missing from the count, one written without a TTL fails the second check.
    /// </summary>
    public static async Task KeysUnderPrefixHaveTimeToLiveAsync(string prefix, int expectedKeys)
    {
        var redis = TestRedis.Connect();
        var database = redis.GetDatabase();
        var found = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(database.Database, $"{prefix}*"))
            {
                found[key.ToString()] = await database.KeyTimeToLiveAsync(key);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(found, Has.Count.EqualTo(expectedKeys), "keys under the prefix");
            Assert.That(found.Where(key => key.Value is null).Select(key => key.Key), Is.Empty, "keys without a TTL");
        });
    }
}
