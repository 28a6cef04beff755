using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Integration.Tests.State;

/// <summary>What every <see cref="IAccessTokenStore"/> must do; one derived fixture per implementation.</summary>
/// <typeparam name="TBackend">In memory or Redis.</typeparam>
public abstract class AccessTokenStoreContract<TBackend> : StateContract<TBackend>
    where TBackend : StateBackend, new()
{
    protected const string AppId = "wx8a7b6c5d4e3f2a1b";

    private IAccessTokenStore _store = null!;

    /// <summary>A fresh store sharing nothing with the previous test's.</summary>
    protected abstract IAccessTokenStore CreateStore(TBackend backend);

    [SetUp]
    public void CreateTokenStore() => _store = CreateStore(Backend);

    [Test]
    public async Task GetAsync_NothingSaved_ReturnsNull() =>
        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.Null);

    [TestCase("ACCESS_TOKEN-78_abc.xyz")]
    [TestCase("value|with|bars")]
    public async Task SaveAsync_ThenGetAsync_ReturnsTheValueAndExpiry(string value)
    {
        var token = new AccessToken(value, ExpiresIn(TimeSpan.FromHours(2)));

        await _store.SaveAsync(AppId, token, CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.EqualTo(token));
    }

    [Test]
    public async Task SaveAsync_NewToken_ReplacesTheOld()
    {
        await _store.SaveAsync(AppId, new AccessToken("old", ExpiresIn(TimeSpan.FromHours(1))), CancellationToken.None);
        var fresh = new AccessToken("fresh", ExpiresIn(TimeSpan.FromHours(2)));

        await _store.SaveAsync(AppId, fresh, CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.EqualTo(fresh));
    }

    [Test]
    public async Task SaveAsync_AnotherApp_IsKeptApart()
    {
        await _store.SaveAsync(AppId, new AccessToken("mine", ExpiresIn(TimeSpan.FromHours(2))), CancellationToken.None);

        Assert.That(await _store.GetAsync("wx0000000000000000", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task GetAsync_AfterTheTokenExpired_ReturnsNull()
    {
        await _store.SaveAsync(AppId, new AccessToken("short", ExpiresIn(TimeSpan.FromSeconds(1))), CancellationToken.None);

        await Backend.LetTimePassAsync(TimeSpan.FromSeconds(1));

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task SaveAsync_AlreadyExpiredToken_LeavesNoToken()
    {
        await _store.SaveAsync(AppId, new AccessToken("old", ExpiresIn(TimeSpan.FromHours(1))), CancellationToken.None);

        await _store.SaveAsync(AppId, new AccessToken("dead", ExpiresIn(TimeSpan.FromSeconds(-1))), CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task InvalidateAsync_TheStoredValue_DropsIt()
    {
        await _store.SaveAsync(AppId, new AccessToken("rejected", ExpiresIn(TimeSpan.FromHours(2))), CancellationToken.None);

        await _store.InvalidateAsync(AppId, "rejected", CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.Null);
    }

    // Another instance already replaced the rejected token: the fresh one must survive, even when one value starts
    // with the other.
    [TestCase("fresh", "rejected")]
    [TestCase("fresh", "fres")]
    [TestCase("fresh|1", "fresh")]
    public async Task InvalidateAsync_AnotherValue_KeepsTheStoredToken(string stored, string rejected)
    {
        var fresh = new AccessToken(stored, ExpiresIn(TimeSpan.FromHours(2)));
        await _store.SaveAsync(AppId, fresh, CancellationToken.None);

        await _store.InvalidateAsync(AppId, rejected, CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.EqualTo(fresh));
    }

    [Test]
    public async Task InvalidateAsync_NothingStored_DoesNothing()
    {
        await _store.InvalidateAsync(AppId, "rejected", CancellationToken.None);

        Assert.That(await _store.GetAsync(AppId, CancellationToken.None), Is.Null);
    }

    // Whole milliseconds: what a store can be expected to keep.
    protected DateTimeOffset ExpiresIn(TimeSpan time) =>
        DateTimeOffset.FromUnixTimeMilliseconds((Backend.Clock.GetUtcNow() + time).ToUnixTimeMilliseconds());
}
