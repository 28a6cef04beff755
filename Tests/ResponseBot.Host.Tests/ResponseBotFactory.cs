using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ResponseBot.Host.Tests;

/// <summary>
/// The real service in memory, on its own SQLite file in a temporary folder, seeded with the demo knowledge base
/// unless a setting says otherwise.
/// </summary>
internal sealed class ResponseBotFactory(string sqlitePath, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string SqlitePath { get; } = sqlitePath;

    /// <summary>A new database file in a fresh temporary folder, deleted by <see cref="DeleteDatabase"/>.</summary>
    public static string NewDatabasePath() =>
        Path.Combine(Directory.CreateTempSubdirectory("responsebot-host-tests-").FullName, "responsebot.db");

    /// <summary>Removes the folder of a database made by <see cref="NewDatabasePath"/>.</summary>
    public static void DeleteDatabase(string sqlitePath)
    {
        // Pooled connections keep the file open after the host is gone.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(sqlitePath)!, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // What operators run, not the developer pages.
        builder.UseEnvironment("Production");
        builder.UseSetting("Knowledge:SqlitePath", SqlitePath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
