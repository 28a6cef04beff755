using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

/// <summary>What every <see cref="IMessageDeduplicator"/> must do; one derived fixture per implementation.</summary>
/// <typeparam name="TBackend">In memory or Redis.</typeparam>
public abstract class MessageDeduplicatorContract<TBackend> : StateContract<TBackend>
    where TBackend : StateBackend, new()
{
    private static readonly TimeSpan LongTtl = TimeSpan.FromMinutes(5);

    private IMessageDeduplicator _deduplicator = null!;

    /// <summary>A fresh deduplicator sharing nothing with the previous test's.</summary>
    protected abstract IMessageDeduplicator CreateDeduplicator(TBackend backend);

    [SetUp]
    public void CreateStore() => _deduplicator = CreateDeduplicator(Backend);

    [Test]
    public async Task TryMarkSeenAsync_SameKeyTwice_TrueThenFalse()
    {
        var first = await _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, CancellationToken.None);
        var second = await _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
        });
    }

    [Test]
    public async Task TryMarkSeenAsync_DifferentKeys_EachTrue()
    {
        var first = await _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, CancellationToken.None);
        var second = await _deduplicator.TryMarkSeenAsync("wechat:1002", LongTtl, CancellationToken.None);

        Assert.That(new[] { first, second }, Is.All.True);
    }

    [Test]
    public async Task TryMarkSeenAsync_FiftyCallersAtOnce_ExactlyOneTrue()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await _deduplicator.TryMarkSeenAsync("wechat:retried", LongTtl, CancellationToken.None);
            }))
            .ToArray();

        start.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.That(results.Count(first => first), Is.EqualTo(1));
    }

    [Test]
    public async Task TryMarkSeenAsync_AfterTimeToLive_TrueAgain()
    {
        await _deduplicator.TryMarkSeenAsync("wechat:1001", TimeSpan.FromSeconds(1), CancellationToken.None);

        await Backend.LetTimePassAsync(TimeSpan.FromSeconds(1));

        Assert.That(await _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task TryMarkSeenAsync_ZeroTimeToLive_Throws() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _deduplicator.TryMarkSeenAsync("wechat:1001", TimeSpan.Zero, CancellationToken.None));

    [Test]
    public async Task TryMarkSeenAsync_Cancelled_ThrowsWithoutMarking()
    {
        await Assert.CatchAsync<OperationCanceledException>(
            () => _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, new CancellationToken(canceled: true)));

        Assert.That(await _deduplicator.TryMarkSeenAsync("wechat:1001", LongTtl, CancellationToken.None), Is.True);
    }
}
