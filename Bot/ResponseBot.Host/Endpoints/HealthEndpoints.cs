using Microsoft.AspNetCore.Http.HttpResults;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Host.Endpoints;

/// <summary>The service is up and serving this snapshot.</summary>
internal sealed record HealthStatus(string Status, int SnapshotVersion, int EntryCount);

/// <summary><c>GET /health</c>, for load balancers and people.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName(nameof(GetHealth))
            .WithTags("Health")
            .WithSummary("Is the service up, and which knowledge base does it serve")
            .WithDescription("The published snapshot version being served (0 before the first publish) and its entry count.");
        return app;
    }

    internal static Ok<HealthStatus> GetHealth(KnowledgeBase knowledge)
    {
        var index = knowledge.Current;
        return TypedResults.Ok(new HealthStatus("ok", index.SnapshotVersion, index.Count));
    }
}
