using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>
/// Tells the press office's WeCom group about alerts as they happen, when <c>Alerts:WeCom:WebhookUrl</c> is set.
/// </summary>
/// <remarks>
/// <para>
/// It follows the <see cref="AlertFeed"/> from where it stood at start-up and tells a change when it is worth a
/// message in a busy group: an alert was <b>raised</b>; an alert was <b>resolved</b>; an alert was <b>updated</b> and
/// its count reached the next power of two (8, 16, 32…) above any count already told, so a growing situation is
/// told each time it about doubles rather than on every new inquiry. Acknowledgements are not told: they come
/// from the page, which the group can open.
/// </para>
/// <para>
/// Every instance follows the same feed and takes the same decisions; the store's claims make one of them send.
/// A change is claimed as (<see cref="Destination"/>, alert id, revision) before it is sent, so it is never sent
/// twice; the counts told are claimed as (<see cref="CountDestination"/>, alert id, <see cref="CountLevel"/>), so a growth is
/// told once whichever instance sees it. Failures that may pass (network, HTTP 5xx, errcode -1 and the rate limit
/// 45009) are retried with exponential backoff, <see cref="WeComOptions.MaxAttempts"/> attempts in all; then the
/// change is logged as not delivered and the next one goes on. A change whose claim was taken is not retried by
/// another instance: "at most once" is the promise, as a duplicate in the group is worse than a gap the page fills.
/// </para>
/// </remarks>
public sealed class WeComNotifier(
    AlertFeed feed,
    IAlertStore store,
    WeComRobotClient client,
    IOptions<AlertDeliveryOptions> options,
    Taxonomy taxonomy,
    TimeProvider timeProvider,
    ILogger<WeComNotifier> logger) : BackgroundService
{
    /// <summary>The destination name of the delivery claims.</summary>
    public const string Destination = "wecom";

    /// <summary>The destination name of the claims on counts told (a power of two per claim).</summary>
    public const string CountDestination = "wecom-count";

    private static readonly TimeSpan IdleWait = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource _following = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _handled;
    private long _sent;
    private long _failed;
    private long _claimedElsewhere;

    /// <summary>Completes once the notifier follows the feed (at once when no webhook is set).</summary>
    public Task Following => _following.Task;

    /// <summary>Feed changes looked at, told or not.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Messages the robot accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages refused or failed on every attempt.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Changes worth telling that another instance (or an earlier run) had already claimed.</summary>
    public long ClaimedElsewhere => Interlocked.Read(ref _claimedElsewhere);

    /// <summary>
    /// Why <paramref name="change"/> is worth telling, or <see langword="null"/> when it is not; for an update, only
    /// when its count may have grown enough (the count claim decides).
    /// </summary>
    public static WeComReason? ReasonFor(AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Change switch
        {
            AlertChangeKind.Raised => WeComReason.Raised,
            AlertChangeKind.Updated => WeComReason.Grew,
            AlertChangeKind.Resolved => WeComReason.Resolved,
            _ => null,
        };
    }

    /// <summary>The power of two a count has reached, counted from 1 (claims start at 1): 1 for 1, 4 for 8–15.</summary>
    public static int CountLevel(int count) => count <= 1 ? 1 : BitOperations.Log2((uint)count) + 1;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WeCom.Enabled)
        {
            _following.TrySetResult();
            return;
        }

        try
        {
            var reader = await feed.OpenReaderAsync(after: null, stoppingToken);
            _following.TrySetResult();
            Log.WeComFollowing(logger, options.Value.AlertsPage() is not null);
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var change in await reader.ReadAsync(IdleWait, stoppingToken))
                {
                    await HandleAsync(change, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Tells one change if it is worth it and nobody has claimed it.</summary>
    internal async Task HandleAsync(AlertChange change, CancellationToken cancellationToken)
    {
        var alert = change.Alert;
        try
        {
            if (ReasonFor(change) is not { } reason || !await WorthTellingAsync(change, cancellationToken))
            {
                return;
            }

            if (!await store.TryClaimDeliveryAsync(Destination, alert.Id, alert.Revision, cancellationToken))
            {
                Interlocked.Increment(ref _claimedElsewhere);
                Log.WeComClaimedElsewhere(logger, alert.Id, alert.Revision);
                return;
            }

            var content = WeComMessage.Render(alert, reason, taxonomy.HotTopics, taxonomy.Departments, options.Value.AlertsPage());
            await SendAsync(alert, reason, content, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever it is, it must not stop the notifier: the next change goes on.
            Interlocked.Increment(ref _failed);
            Log.WeComUnexpected(logger, alert.Id, alert.Revision, ex);
        }
        finally
        {
            Interlocked.Increment(ref _handled);
        }
    }

    private async Task<bool> WorthTellingAsync(AlertChange change, CancellationToken cancellationToken)
    {
        var alert = change.Alert;
        var claimed = await store.TryClaimDeliveryAsync(CountDestination, alert.Id, CountLevel(alert.Evidence.Count), cancellationToken);
        // A new alert marks its count as told whoever claims it; an update is told when its level had not been.
        return change.Change != AlertChangeKind.Updated || claimed;
    }

    private async Task SendAsync(Alert alert, WeComReason reason, string content, CancellationToken cancellationToken)
    {
        var settings = options.Value.WeCom;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.SendMarkdownAsync(content, cancellationToken);
                Interlocked.Increment(ref _sent);
                Log.WeComSent(logger, alert.Id, alert.Revision, reason, attempt);
                return;
            }
            catch (WeComException ex) when (ex.IsTransient && attempt < settings.MaxAttempts)
            {
                var delay = settings.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
                Log.WeComRetrying(logger, alert.Id, alert.Revision, ex.Message, attempt, settings.MaxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (WeComException ex)
            {
                Interlocked.Increment(ref _failed);
                Log.WeComNotDelivered(logger, alert.Id, alert.Revision, attempt, ex.Message);
                return;
            }
        }
    }
}
