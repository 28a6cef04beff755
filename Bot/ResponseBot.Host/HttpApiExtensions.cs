using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using ResponseBot.Host.Errors;

namespace ResponseBot.Host;

/// <summary>What every endpoint of our HTTP API shares: JSON shape, ProblemDetails, body limit, OpenAPI.</summary>
internal static class HttpApiExtensions
{
    /// <summary>The largest request body accepted; a question is at most 1,000 characters, so 64 KB is plenty.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IHostApplicationBuilder AddHttpApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // The same conventions as EntryJson: entries look alike in files, the store and over HTTP.
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.Converters.Add(
                new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });

        // Minimal APIs answer a bad body with a bare 400 unless they throw; throwing lets BadRequestExceptionHandler
        // tell the caller what was wrong (bad JSON, wrong type, wrong content type, too large).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var request = context.HttpContext.Request;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"Nothing is served at {request.Method} {request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
                StatusCodes.Status413PayloadTooLarge => $"The request body is over the limit of {MaxRequestBodyBytes} bytes.",
                StatusCodes.Status415UnsupportedMediaType =>
                    $"Send the body as application/json; the request said '{request.ContentType ?? "(no content type)"}'.",
                _ => ReasonPhrases.GetReasonPhrase(problem.Status ?? StatusCodes.Status500InternalServerError),
            };
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        services.Configure<KestrelServerOptions>(
            options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ResponseBot";
            document.Info.Description =
                "Answers enterprises' questions from the commission's curated knowledge base.";
            return Task.CompletedTask;
        }));

        return builder;
    }

    public static WebApplication UseHttpApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // 404 for unknown routes, 405 and the like carry no body of their own: give them ProblemDetails too.
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}
