namespace ResponseBot.Connectors.WeChat.Tests.Api;

/// <summary>Tests against a fresh <see cref="ApiHarness"/> each: a fake WeChat API and the clients pointed at it.</summary>
public abstract class FakeApiTests
{
    /// <summary>The harness of the running test; NUnit builds it before the test's own [SetUp].</summary>
    protected ApiHarness Api { get; private set; } = null!;

    [SetUp]
    public async Task StartFakeApi() => Api = await ApiHarness.StartAsync();

    [TearDown]
    public async Task StopFakeApi() => await Api.DisposeAsync();
}
