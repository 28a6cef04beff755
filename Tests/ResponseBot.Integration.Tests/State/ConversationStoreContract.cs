using System.Collections;
using ResponseBot.Bot.Answering;
using ResponseBot.Bot.State;

namespace ResponseBot.Integration.Tests.State;

/// <summary>What every <see cref="IConversationStore"/> must do; one derived fixture per implementation.</summary>
/// <typeparam name="TBackend">In memory or Redis.</typeparam>
public abstract class ConversationStoreContract<TBackend> : StateContract<TBackend>
    where TBackend : StateBackend, new()
{
    protected static readonly ConversationKey Key = new("wechat", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
    protected static readonly TimeSpan LongTtl = TimeSpan.FromMinutes(30);

    private IConversationStore _store = null!;

    /// <summary>A state with every property set to something other than its default.</summary>
    protected static ConversationState FullState { get; } = new()
    {
        Choices = [new ReplyChoice(1, "专精特新企业有哪些奖励？", "sme-subsidy"), new ReplyChoice(2, "怎么申报专精特新？", "sme-apply")],
        LastEntryId = "sme-subsidy",
        LastEntryVersion = 3,
        AwaitingFeedback = true,
        FallbacksInARow = 2,
        Department = "sme",
        LastQuestion = "专精特新奖励多少钱",
        Contacts = ["13800138000"],
        WorkOrderId = "WO-20250301-0001",
        UpdatedAt = new DateTimeOffset(2025, 3, 1, 17, 30, 15, 123, TimeSpan.FromHours(8)),
    };

    /// <summary>A fresh store sharing nothing with the previous test's.</summary>
    protected abstract IConversationStore CreateStore(TBackend backend);

    [SetUp]
    public void CreateConversationStore() => _store = CreateStore(Backend);

    // Guards the round trip below: a property added to ConversationState must be added to FullState too.
    [Test]
    public void FullState_SetsEveryProperty()
    {
        var unset = typeof(ConversationState).GetProperties()
            .Where(property => IsDefault(property.GetValue(FullState)))
            .Select(property => property.Name);

        Assert.That(unset, Is.Empty);
    }

    [Test]
    public async Task GetAsync_NothingSaved_ReturnsNull() =>
        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);

    [Test]
    public async Task SaveAsync_ThenGetAsync_ReturnsEveryProperty()
    {
        await _store.SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        var read = await _store.GetAsync(Key, CancellationToken.None);

        Assert.That(read, Is.Not.Null);
        Assert.Multiple(() =>
        {
            foreach (var property in typeof(ConversationState).GetProperties())
            {
                var expected = property.GetValue(FullState);
                var actual = property.GetValue(read);
                if (expected is DateTimeOffset when)
                {
                    Assert.That(((DateTimeOffset)actual!).EqualsExact(when), Is.True, $"{property.Name}: {actual:O}");
                }
                else
                {
                    Assert.That(actual, Is.EqualTo(expected), property.Name);
                }
            }
        });
    }

    [Test]
    public async Task SaveAsync_Twice_TheLastWriteWins()
    {
        await _store.SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        await _store.SaveAsync(Key, new ConversationState { FallbacksInARow = 1 }, LongTtl, CancellationToken.None);

        var read = await _store.GetAsync(Key, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(read?.FallbacksInARow, Is.EqualTo(1));
            Assert.That(read?.Choices, Is.Empty);
            Assert.That(read?.LastEntryId, Is.Null);
        });
    }

    [Test]
    public async Task SaveAsync_SameUserIdOnAnotherChannel_IsKeptApart()
    {
        await _store.SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        var other = await _store.GetAsync(Key with { Channel = "hotline" }, CancellationToken.None);

        Assert.That(other, Is.Null);
    }

    [Test]
    public async Task DeleteAsync_Saved_GetReturnsNull()
    {
        await _store.SaveAsync(Key, FullState, LongTtl, CancellationToken.None);

        await _store.DeleteAsync(Key, CancellationToken.None);

        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task DeleteAsync_NothingSaved_DoesNothing()
    {
        await _store.DeleteAsync(Key, CancellationToken.None);

        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task GetAsync_AfterTheTimeToLive_ReturnsNull()
    {
        await _store.SaveAsync(Key, FullState, TimeSpan.FromSeconds(1), CancellationToken.None);

        await Backend.LetTimePassAsync(TimeSpan.FromSeconds(1));

        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task SaveAsync_ZeroTimeToLive_Throws() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _store.SaveAsync(Key, FullState, TimeSpan.Zero, CancellationToken.None));

    [Test]
    public async Task SaveAsync_Cancelled_ThrowsWithoutSaving()
    {
        await Assert.CatchAsync<OperationCanceledException>(
            () => _store.SaveAsync(Key, FullState, LongTtl, new CancellationToken(canceled: true)));

        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);
    }

    private static bool IsDefault(object? value) =>
        value is null or false or 0 or ICollection { Count: 0 } || (value is DateTimeOffset when && when == default);
}
