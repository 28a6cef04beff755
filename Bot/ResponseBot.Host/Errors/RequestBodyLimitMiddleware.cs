using Microsoft.AspNetCore.Http.Metadata;

namespace ResponseBot.Host.Errors;

/// <summary>
/// Refuses a declared body over the endpoint's limit with 413 before anything reads it: the endpoint's
/// <see cref="IRequestSizeLimitMetadata"/> when it has one (the WeChat connector accepts 1 MB), otherwise
/// <see cref="HttpApiExtensions.MaxRequestBodyBytes"/>. Kestrel enforces the same limit while reading a body of
/// unknown length; this also covers the in-memory test server, which has no limit of its own.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? HttpApiExtensions.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException(
                $"The request body is {context.Request.ContentLength} bytes; at most {limit} bytes are accepted.",
                StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    }
}
