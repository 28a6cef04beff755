using System.Collections.Frozen;

namespace ResponseBot.Host.Endpoints;

/// <summary>
/// <c>/alerts</c>: the press office's page — plain HTML, CSS and JavaScript embedded in the Host (no build step), which
/// reads <c>/api/alerts</c> and follows its live stream.
/// </summary>
internal static class AlertPageEndpoints
{
    // Scripts and styles from this service only, and no inline ones: the page puts alert texts into the document,
    // and this keeps anything in them from running.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, PageFile> Files = new Dictionary<string, PageFile>
    {
        ["/alerts"] = Load("index.html", "text/html; charset=utf-8"),
        ["/alerts/alerts.css"] = Load("alerts.css", "text/css; charset=utf-8"),
        ["/alerts/alerts.js"] = Load("alerts.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapAlertPage(this IEndpointRouteBuilder app)
    {
        foreach (var (path, file) in Files)
        {
            app.MapGet(path, (HttpContext context) => Serve(context, file))
                .WithName("AlertPage" + Path.GetExtension(file.Name).TrimStart('.').ToUpperInvariant())
                .ExcludeFromDescription();
        }

        return app;
    }

    private static IResult Serve(HttpContext context, PageFile file)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // The files change with the service: revalidate each time, answered by the ETag without a body.
        headers.CacheControl = "no-cache";
        headers.ETag = file.ETag;
        return context.Request.Headers.IfNoneMatch == file.ETag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(file.Content, file.ContentType);
    }

    private static PageFile Load(string name, string contentType)
    {
        using var stream = typeof(AlertPageEndpoints).Assembly.GetManifestResourceStream("alerts/" + name)
            ?? throw new InvalidOperationException($"The page file alerts/{name} is not embedded in the Host.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content).AsSpan(0, 8)) + "\"";
        return new PageFile(name, contentType, content, etag);
    }

    private sealed record PageFile(string Name, string ContentType, byte[] Content, string ETag);
}
