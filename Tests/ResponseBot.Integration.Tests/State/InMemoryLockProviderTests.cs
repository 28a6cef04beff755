using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

public sealed class InMemoryLockProviderTests : LockProviderContract<MemoryBackend>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected override ILockProvider CreateLockProvider(MemoryBackend backend) => new InMemoryLockProvider(backend.Clock);

    [Test]
    public async Task DisposeAsync_LastHolderOfEachName_ForgetsTheName()
    {
        var locks = new InMemoryLockProvider(Backend.Clock);
        for (var user = 0; user < 10; user++)
        {
            var held = await locks.TryAcquireAsync($"user:{user}", Lease, TimeSpan.Zero, CancellationToken.None);
            await held!.DisposeAsync();
        }

        Assert.That(locks.NameCount, Is.Zero);
    }

    [Test]
    public async Task DisposeAsync_AfterAWaiterTimedOutAndOneWasCancelled_ForgetsTheName()
    {
        var locks = new InMemoryLockProvider(Backend.Clock);
        var held = await locks.TryAcquireAsync("user:1", Lease, TimeSpan.Zero, CancellationToken.None);
        await locks.TryAcquireAsync("user:1", Lease, TimeSpan.FromMilliseconds(20), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiting = locks.TryAcquireAsync("user:1", Lease, TimeSpan.FromSeconds(30), cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.CatchAsync<OperationCanceledException>(() => waiting);

        await held!.DisposeAsync();

        Assert.That(locks.NameCount, Is.Zero);
    }
}
