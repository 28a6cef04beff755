using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

/// <summary>What every <see cref="ILockProvider"/> must do; one derived fixture per implementation.</summary>
/// <typeparam name="TBackend">In memory or Redis.</typeparam>
public abstract class LockProviderContract<TBackend> : StateContract<TBackend>
    where TBackend : StateBackend, new()
{
    private const string Name = "user:wechat:o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

    /// <summary>Short enough for a real server to let it lapse within a test.</summary>
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(300);

    private ILockProvider _locks = null!;

    /// <summary>A fresh provider sharing no lock with the previous test's.</summary>
    protected abstract ILockProvider CreateLockProvider(TBackend backend);

    [SetUp]
    public void CreateProvider() => _locks = CreateLockProvider(Backend);

    [Test]
    public async Task TryAcquireAsync_FreeName_ReturnsAHandle()
    {
        await using var held = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);

        Assert.That(held, Is.Not.Null);
    }

    [Test]
    public async Task TryAcquireAsync_HeldUntilTheWaitRunsOut_ReturnsNull()
    {
        await using var held = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);

        var second = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.That(second, Is.Null);
    }

    [Test]
    public async Task TryAcquireAsync_OtherNameHeld_IsNotBlocked()
    {
        await using var held = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);

        await using var other = await _locks.TryAcquireAsync("user:wechat:other", LongLease, TimeSpan.Zero, CancellationToken.None);

        Assert.That(other, Is.Not.Null);
    }

    [Test]
    public async Task TryAcquireAsync_WaitingWhenTheHolderReleases_GetsTheLock()
    {
        var held = await Acquire(LongLease);
        var waiting = _locks.TryAcquireAsync(Name, LongLease, LongWait, CancellationToken.None);

        await held.DisposeAsync();

        await using var next = await waiting;
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task TryAcquireAsync_FiftyContenders_NeverTwoInsideAndAllGetIn()
    {
        var inside = 0;
        var mostInside = 0;
        var entered = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var contenders = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await using var held = await _locks.TryAcquireAsync(Name, LongLease, LongWait, CancellationToken.None)
                ?? throw new AssertionException("A contender never got the lock.");
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            await Task.Yield(); // give another holder, if the lock were broken, the chance to come in
            Interlocked.Increment(ref entered);
            Interlocked.Decrement(ref inside);
        })).ToArray();

        start.SetResult();
        await Task.WhenAll(contenders);

        Assert.Multiple(() =>
        {
            Assert.That(mostInside, Is.EqualTo(1));
            Assert.That(entered, Is.EqualTo(50));
        });
    }

    [Test]
    public async Task TryAcquireAsync_HolderLeaseLapsed_AnotherTakesIt()
    {
        await Acquire(ShortLease); // never released: a holder that crashed

        await Backend.LetTimePassAsync(ShortLease);

        await using var next = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task TryAcquireAsync_HolderLeaseLapsesWhileWaiting_TheWaiterGetsIt()
    {
        await Acquire(ShortLease);
        var waiting = _locks.TryAcquireAsync(Name, LongLease, LongWait, CancellationToken.None);

        await Backend.LetTimePassAsync(ShortLease);

        await using var next = await waiting;
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task DisposeAsync_AfterTheLeaseLapsedAndAnotherTookIt_LeavesTheNewHoldersLock()
    {
        var lapsed = await Acquire(ShortLease);
        await Backend.LetTimePassAsync(ShortLease);
        var current = await Acquire(LongLease);

        await lapsed.DisposeAsync();

        var third = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);
        await current.DisposeAsync();
        await using var afterCurrent = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(third, Is.Null, "the lapsed holder released the current holder's lock");
            Assert.That(afterCurrent, Is.Not.Null, "the current holder could not release its own lock");
        });
    }

    [Test]
    public async Task DisposeAsync_Twice_ReleasesOnlyItsOwnHold()
    {
        var first = await Acquire(LongLease);
        await first.DisposeAsync();
        await using var second = await Acquire(LongLease);

        await first.DisposeAsync();

        var third = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);
        Assert.That(third, Is.Null);
    }

    [Test]
    public async Task TryAcquireAsync_CancelledWhileWaiting_ThrowsAndDoesNotTakeTheLock()
    {
        var held = await Acquire(LongLease);
        using var cancellation = new CancellationTokenSource();
        var waiting = _locks.TryAcquireAsync(Name, LongLease, LongWait, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => waiting);
        await held.DisposeAsync();
        await using var next = await _locks.TryAcquireAsync(Name, LongLease, TimeSpan.Zero, CancellationToken.None);
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task TryAcquireAsync_AlreadyCancelled_Throws() =>
        await Assert.CatchAsync<OperationCanceledException>(
            () => _locks.TryAcquireAsync(Name, LongLease, LongWait, new CancellationToken(canceled: true)));

    private async Task<IAsyncDisposable> Acquire(TimeSpan lease) =>
        await _locks.TryAcquireAsync(Name, lease, TimeSpan.Zero, CancellationToken.None)
        ?? throw new AssertionException($"{Name} was not free.");

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
