using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Host.Endpoints;

/// <summary>A published entry in a listing.</summary>
internal sealed record EntrySummary(string Id, string Question, string Department, IReadOnlyList<string> Topics, int Version);

/// <summary>The entries of the published snapshot that match the filters.</summary>
internal sealed record EntryList(int SnapshotVersion, int Count, IReadOnlyList<EntrySummary> Entries);

/// <summary><c>/api/kb</c>: read the published knowledge base.</summary>
internal static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kb").WithTags("Knowledge base");
        group.MapGet("/entries", ListEntries)
            .WithName(nameof(ListEntries))
            .WithSummary("List the published entries")
            .WithDescription(
                "The entries of the live published snapshot, ordered by id. Filter by a department code or a " +
                "hot-topic code from taxonomy.json; an unknown code is a 400.");
        group.MapGet("/entries/{id}", GetEntry)
            .WithName(nameof(GetEntry))
            .WithSummary("Get one published entry")
            .WithDescription("The full entry as published in the live snapshot; 404 when no published entry has the id.");
        return app;
    }

    internal static Results<Ok<EntryList>, ValidationProblem> ListEntries(
        KnowledgeBase knowledge,
        Taxonomy taxonomy,
        [Description("A department code from taxonomy.json, e.g. sme.")] string? department = null,
        [Description("A hot-topic code from taxonomy.json, e.g. nev.")] string? topic = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (department is not null && !taxonomy.Departments.ContainsKey(department))
        {
            errors["department"] = [$"Unknown department code '{department}'. Known codes: {string.Join(", ", taxonomy.Departments.Keys)}."];
        }

        if (topic is not null && !taxonomy.HotTopics.ContainsKey(topic))
        {
            errors["topic"] = [$"Unknown hot-topic code '{topic}'. Known codes: {string.Join(", ", taxonomy.HotTopics.Keys)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        // Read the index once: a publish may swap it between two reads.
        var index = knowledge.Current;
        var entries = index.Entries
            .Where(e => department is null || e.Department == department)
            .Where(e => topic is null || e.Topics.Contains(topic))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new EntrySummary(e.Id, e.Question, e.Department, e.Topics, e.Version))
            .ToList();
        return TypedResults.Ok(new EntryList(index.SnapshotVersion, entries.Count, entries));
    }

    internal static Results<Ok<KnowledgeEntry>, ProblemHttpResult> GetEntry(string id, KnowledgeBase knowledge)
    {
        var index = knowledge.Current;
        return index.Find(id) is { } entry
            ? TypedResults.Ok(entry)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Entry not found",
                detail: $"No published entry has the id '{id}' in snapshot {index.SnapshotVersion}.");
    }
}
