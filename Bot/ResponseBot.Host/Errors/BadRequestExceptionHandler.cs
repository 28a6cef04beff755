using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ResponseBot.Host.Errors;

/// <summary>
/// Turns the request errors that ASP.NET Core reports as <see cref="BadHttpRequestException"/> (malformed or
/// mistyped JSON, a missing body, a wrong content type, a body over the limit) into a 4xx ProblemDetails that says
/// what was wrong. Anything else falls through to the default 500 ProblemDetails.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json ? Describe(json) : bad.Message;
        Log.BadRequest(logger, bad.StatusCode, httpContext.Request.Path);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = ReasonPhrases.GetReasonPhrase(bad.StatusCode),
                Detail = detail,
            },
        });
    }

    private static string Describe(JsonException json) =>
        // The serializer's own wording names our internal types; say where the problem is instead.
        json.Path is { Length: > 1 } path && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"The request body is not what this endpoint accepts: the value at {path} has the wrong JSON type (line {json.LineNumber + 1}, byte {json.BytePositionInLine})."
            : $"The request body is not valid JSON: {json.Message}";
}
