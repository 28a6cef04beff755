namespace ResponseBot.Host.Tests;

/// <summary>One service with the seeded demo knowledge base, shared by every test that does not change settings.</summary>
[SetUpFixture]
public sealed class HostSetup
{
    private static ResponseBotFactory? _factory;

    internal static HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ResponseBotFactory(ResponseBotFactory.NewDatabasePath());
        Client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            ResponseBotFactory.DeleteDatabase(_factory.SqlitePath);
        }
    }
}
