using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ResponseBot.Bot.Records;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Alerts.Delivery;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Host.Endpoints;

/// <summary>
/// <c>/api/alerts</c>: the press office's alerts (舆情预警) — list, one, acknowledge, resolve, a live Server-Sent
/// Events feed, and the trend per hot topic. Alert texts are masked before they are stored; none of them is logged.
/// </summary>
internal static class AlertEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxNameLength = 40;
    public const int DefaultTrendDays = 7;
    public const int MaxTrendDays = 30;

    /// <summary>Up to this many days a trend has a point per hour; beyond, a point per day.</summary>
    public const int MaxHourlyDays = 2;

    /// <summary>A comment goes down an idle stream this often, so proxies and browsers keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet(string.Empty, ListAlerts)
            .WithName(nameof(ListAlerts))
            .WithSummary("List alerts")
            .WithDescription(
                "Most recently updated first, optionally of one status (new, acknowledged, resolved), one kind (spike, " +
                "repeats, escalation, very_negative) and one hot-topic code. An unknown value, or a limit outside 1–500, is a 400.");
        alerts.MapGet("/stream", StreamAlerts)
            .WithName(nameof(StreamAlerts))
            .WithSummary("Follow alerts live")
            .WithDescription(
                "Server-Sent Events: one 'alert' event per change, its id the feed cursor and its data {change, alert}. " +
                "Sends the changes after Last-Event-ID when given, otherwise from now on; a comment every 15 s when idle.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        alerts.MapGet("/trends", GetAlertTrends)
            .WithName(nameof(GetAlertTrends))
            .WithSummary("Trend per hot topic")
            .WithDescription(
                "Inquiries and the negative share per hot topic over the last 1–30 days (7 when omitted): a point per hour " +
                "up to 2 days, per day (China time) beyond.");
        alerts.MapGet("/{id}", GetAlert)
            .WithName(nameof(GetAlert))
            .WithSummary("Get one alert")
            .WithDescription("The alert with its evidence; 404 for an unknown id.");
        alerts.MapPost("/{id}/ack", AcknowledgeAlert)
            .WithName(nameof(AcknowledgeAlert))
            .WithSummary("Acknowledge an alert")
            .WithDescription(
                "Body {\"by\": \"name\"} (1–40 characters). Only a new alert can be acknowledged: otherwise 409 with its status.");
        alerts.MapPost("/{id}/resolve", ResolveAlert)
            .WithName(nameof(ResolveAlert))
            .WithSummary("Resolve an alert")
            .WithDescription(
                "Body {\"by\": \"name\"} (1–40 characters). A new or acknowledged alert can be resolved: otherwise 409 with its status.");
        return app;
    }

    internal static async Task<Results<Ok<AlertList>, ValidationProblem>> ListAlerts(
        IAlertStore store,
        Taxonomy taxonomy,
        CancellationToken cancellationToken,
        [Description("new, acknowledged or resolved.")] string? status = null,
        [Description("spike, repeats, escalation or very_negative.")] string? kind = null,
        [Description("A hot-topic code from taxonomy.json, e.g. nev.")] string? topic = null,
        [Description("How many alerts, 1–500; 100 when omitted.")] int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var statusValue = ParseName<AlertStatus>(status, "status", errors);
        var kindValue = ParseName<AlertKind>(kind, "kind", errors);
        if (topic is not null && !taxonomy.HotTopics.ContainsKey(topic))
        {
            errors["topic"] = [$"Unknown hot topic '{topic}'. Known topics: {string.Join(", ", taxonomy.HotTopics.Keys)}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}; it was {limit}."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var alerts = await store.ListAsync(new AlertQuery(statusValue, kindValue, topic, Limit: limit ?? DefaultLimit), cancellationToken);
        return TypedResults.Ok(new AlertList(alerts.Count, [.. alerts.Select(a => AlertResponse.From(a, taxonomy))]));
    }

    internal static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> GetAlert(
        string id, IAlertStore store, Taxonomy taxonomy, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } alert
            ? TypedResults.Ok(AlertResponse.From(alert, taxonomy))
            : NotFound(id);

    internal static Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> AcknowledgeAlert(
        string id, AlertActionRequest request, IAlertStore store, Taxonomy taxonomy, TimeProvider timeProvider,
        ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, request, store, taxonomy, loggers.CreateLogger(typeof(AlertEndpoints)), AlertStatus.Acknowledged,
            by => store.AcknowledgeAsync(id, by, timeProvider.GetUtcNow(), cancellationToken), cancellationToken);

    internal static Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> ResolveAlert(
        string id, AlertActionRequest request, IAlertStore store, Taxonomy taxonomy, TimeProvider timeProvider,
        ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, request, store, taxonomy, loggers.CreateLogger(typeof(AlertEndpoints)), AlertStatus.Resolved,
            by => store.ResolveAsync(id, by, timeProvider.GetUtcNow(), cancellationToken), cancellationToken);

    internal static async Task StreamAlerts(
        HttpContext context,
        AlertFeed feed,
        Taxonomy taxonomy,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostApplicationLifetime lifetime,
        [FromHeader(Name = "Last-Event-ID"), Description("The id of the last event received; the stream goes on after it.")]
        string? lastEventId = null)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tell nginx and the like not to hold the events back.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // A stream lasts as long as the browser stays; shutting down must not wait for it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var options = json.Value.SerializerOptions;
        var logger = context.RequestServices.GetRequiredService<ILogger<AlertFeed>>();
        try
        {
            var reader = await feed.OpenReaderAsync(lastEventId, stop.Token);
            Log.AlertStreamOpened(logger, lastEventId is not null);
            // The first bytes end the headers: the browser knows it is connected, and reconnects after 3 s.
            await WriteAsync(response, "retry: 3000\n: connected\n\n", stop.Token);
            while (true)
            {
                var changes = await reader.ReadAsync(Heartbeat, stop.Token);
                if (changes.Count == 0)
                {
                    await WriteAsync(response, ": heartbeat\n\n", stop.Token);
                    continue;
                }

                var events = new StringBuilder();
                foreach (var change in changes)
                {
                    var data = JsonSerializer.Serialize(
                        new AlertChangeEvent(change.Change, AlertResponse.From(change.Alert, taxonomy)), options);
                    events.Append("id: ").Append(change.Cursor).Append("\nevent: alert\ndata: ").Append(data).Append("\n\n");
                }

                await WriteAsync(response, events.ToString(), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser went away or the service is stopping: the stream simply ends.
            Log.AlertStreamClosed(logger);
        }
    }

    internal static async Task<Results<Ok<AlertTrendsResponse>, ValidationProblem>> GetAlertTrends(
        IInquiryStatistics statistics,
        Taxonomy taxonomy,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        [Description("How many days back, 1–30; 7 when omitted.")] int? days = null)
    {
        if (days is < 1 or > MaxTrendDays)
        {
            return Invalid(new() { ["days"] = [$"days must be between 1 and {MaxTrendDays}; it was {days}."] });
        }

        var span = days ?? DefaultTrendDays;
        var bucket = span <= MaxHourlyDays ? TrendBucket.Hour : TrendBucket.Day;
        var (from, to) = TrendRange(timeProvider.GetUtcNow(), span, bucket);
        var topics = new List<TopicTrendResponse>(taxonomy.HotTopics.Count);
        foreach (var (code, name) in taxonomy.HotTopics)
        {
            var hourly = await statistics.SeriesAsync(code, from, to, cancellationToken);
            var points = bucket == TrendBucket.Hour
                ? [.. hourly.Select(p => Point(p.Start, p.Total, p.Negative))]
                : hourly
                    .GroupBy(p => LocalDayStart(p.Start))
                    .Select(day => Point(day.Key, day.Sum(p => p.Total), day.Sum(p => p.Negative)))
                    .ToList();
            var total = points.Sum(p => p.Total);
            var negative = points.Sum(p => p.Negative);
            topics.Add(new TopicTrendResponse(code, name, total, negative, Share(negative, total), points));
        }

        return TypedResults.Ok(new AlertTrendsResponse(span, bucket, from, to, topics));
    }

    /// <summary>
    /// [from, to) of a trend: whole hours up to the end of the current hour, or whole China-time days up to the end
    /// of today there; the press office reads days as they live them.
    /// </summary>
    internal static (DateTimeOffset From, DateTimeOffset To) TrendRange(DateTimeOffset now, int days, TrendBucket bucket)
    {
        if (bucket == TrendBucket.Hour)
        {
            var hour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
            var end = hour.AddHours(1);
            return (end.AddDays(-days), end);
        }

        var tomorrow = LocalDayStart(now).AddDays(1);
        return (tomorrow.AddDays(-days), tomorrow);
    }

    private static DateTimeOffset LocalDayStart(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return new DateTimeOffset(local.Date, ChinaOffset).ToUniversalTime();
    }

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static TrendPointResponse Point(DateTimeOffset start, int total, int negative) =>
        new(start, total, negative, Share(negative, total));

    private static double Share(int negative, int total) => total == 0 ? 0 : Math.Round((double)negative / total, 4);

    private static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatusAsync(
        string id,
        AlertActionRequest request,
        IAlertStore store,
        Taxonomy taxonomy,
        ILogger logger,
        AlertStatus target,
        Func<string, Task<AlertChange?>> change,
        CancellationToken cancellationToken)
    {
        var by = request.By?.Trim() ?? string.Empty;
        if (by.Length is 0 or > MaxNameLength)
        {
            return Invalid(new()
            {
                ["by"] = [$"by must name who does it in 1–{MaxNameLength} characters (spaces around it are ignored); it had {by.Length}."],
            });
        }

        try
        {
            if (await change(by) is not { } done)
            {
                return NotFound(id);
            }

            // The alert id only: the name is a person's and stays out of the log.
            Log.AlertStatusChanged(logger, done.Alert.Id, done.Alert.Status, done.Alert.Revision);
            return TypedResults.Ok(AlertResponse.From(done.Alert, taxonomy));
        }
        catch (AlertStateException ex)
        {
            var current = await store.GetAsync(id, cancellationToken);
            var status = current is null ? "unknown" : RecordNames.NameOf(current.Status);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The alert's status does not allow this",
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"Alert '{id}' is {status}; it cannot become {RecordNames.NameOf(target)}. {ex.Message}"),
                extensions: new Dictionary<string, object?> { ["alertStatus"] = status });
        }
    }

    private static TEnum? ParseName<TEnum>(string? value, string name, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (RecordNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors[name] = [$"Unknown {name} '{value}'. Known values: {string.Join(", ", RecordNames.All<TEnum>())}."];
        return null;
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Alert not found", detail: $"No alert has the id '{id}'.");

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
