using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Browser.Tests;

/// <summary>
/// The real service listening on a free loopback port (Kestrel, not the in-memory test server), so a browser can
/// load its pages, on its own SQLite file in a temporary folder.
/// </summary>
internal sealed class BrowserHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responsebot-browser-").FullName;

    public BrowserHost() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234</c>; starts it on first use.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Knowledge:SqlitePath", Path.Combine(_directory, "responsebot.db"));
        builder.ConfigureTestServices(services => services.AddSingleton<IInquiryClassifier, NoClassifier>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
