namespace ResponseBot.Host;

// Event ids and names reach dashboards and alerts: treat them as public once shipped. The Host owns 8000–8999.
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "Refused a request to {Path} with {StatusCode}")]
    public static partial void BadRequest(ILogger logger, int statusCode, PathString path);
}
