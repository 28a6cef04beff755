using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Storage;
using ResponseBot.Knowledge.Transfer;

namespace ResponseBot.Knowledge;

/// <summary>Registers the knowledge engine: options, taxonomy, the SQLite store, retrieval and start-up seeding.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the knowledge services and <see cref="KnowledgeStartup"/>, which seeds an empty store and loads the
    /// latest published snapshot before the host serves anything.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => Taxonomy.LoadDefault());
        services.AddSingleton(sp => new SqliteKnowledgeStore(
            // Relative to where the service is started, so `dotnet run` from the repository keeps its database there.
            Path.GetFullPath(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SqlitePath),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IKnowledgeStore>(sp => sp.GetRequiredService<SqliteKnowledgeStore>());
        services.AddSingleton<EntryValidator>();
        services.AddSingleton<EntryImporter>();

        // Dictionaries and the re-ranker travel in the output folder, whatever the current directory is.
        services.AddSingleton(sp => RetrievalEngine.Load(
            AppContext.BaseDirectory, sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value));
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<KnowledgeBase>());

        services.AddHostedService<KnowledgeStartup>();
        services.AddHostedService<SnapshotWatcher>();
        return builder;
    }
}
