using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

public sealed class InMemoryMessageDeduplicatorTests : MessageDeduplicatorContract<MemoryBackend>
{
    protected override IMessageDeduplicator CreateDeduplicator(MemoryBackend backend) =>
        new InMemoryMessageDeduplicator(backend.Clock);

    [Test]
    public async Task TryMarkSeenAsync_JustBeforeTimeToLive_StillFalse()
    {
        var deduplicator = CreateDeduplicator(Backend);
        await deduplicator.TryMarkSeenAsync("wechat:1001", TimeSpan.FromSeconds(10), CancellationToken.None);

        Backend.ManualClock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));

        Assert.That(await deduplicator.TryMarkSeenAsync("wechat:1001", TimeSpan.FromSeconds(10), CancellationToken.None), Is.False);
    }
}
