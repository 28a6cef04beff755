namespace ResponseBot.Host.Errors;

/// <summary>
/// Refuses a declared body over <see cref="HttpApiExtensions.MaxRequestBodyBytes"/> with 413 before anything reads
/// it. Kestrel enforces the same limit while reading a body of unknown length; this also covers the in-memory test
/// server, which has no limit of its own.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > HttpApiExtensions.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException(
                $"The request body is {context.Request.ContentLength} bytes; at most {HttpApiExtensions.MaxRequestBodyBytes} bytes are accepted.",
                StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    }
}
