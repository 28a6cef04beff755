using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract<MemoryBackend>
{
    protected override IConversationStore CreateStore(MemoryBackend backend) => new InMemoryConversationStore(backend.Clock);

    [Test]
    public async Task GetAsync_JustBeforeTheTimeToLive_ReturnsTheState()
    {
        var store = CreateStore(Backend);
        await store.SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        Backend.ManualClock.Advance(LongTtl - TimeSpan.FromTicks(1));

        Assert.That(await store.GetAsync(Key, CancellationToken.None), Is.Not.Null);
    }
}
