namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>
/// One follower of the <see cref="AlertFeed"/>: every change after where it started, in feed order, each once. Not
/// thread-safe: one caller reads at a time.
/// </summary>
public sealed class AlertFeedReader
{
    private const int MaxBatch = 100;

    // The poller reaches a change a reader has already read from the store within a poll or two; when it has not
    // after this many polls, the cursor is not one the store knows and the reader follows from now on.
    private const int PollsToCatchUp = 3;

    private readonly AlertFeed _feed;
    private long? _sequence;
    private bool _replay;
    private long _waitingSince = -1;

    internal AlertFeedReader(AlertFeed feed, string? after)
    {
        _feed = feed;
        Cursor = after;
        if (after is null)
        {
            _sequence = feed.End;
        }
        else if (feed.TryLocate(after, out var sequence))
        {
            _sequence = sequence;
        }
        else
        {
            _replay = true;
        }
    }

    /// <summary>The cursor of the last change read, or the one the reader started after.</summary>
    public string? Cursor { get; private set; }

    /// <summary>
    /// The next changes, oldest first; empty when none came within <paramref name="maxWait"/>.
    /// </summary>
    public async Task<IReadOnlyList<AlertChange>> ReadAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(maxWait, _feed.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            while (true)
            {
                if (_replay && await ReplayAsync(cancellationToken) is { Count: > 0 } replayed)
                {
                    return replayed;
                }

                if (_sequence is null && !await LocateAsync(linked.Token))
                {
                    continue;
                }

                if (!_feed.TryRead(_sequence!.Value, MaxBatch, out var changes))
                {
                    // Fell behind what the feed keeps in memory: read the rest from the store.
                    _sequence = null;
                    _replay = true;
                    continue;
                }

                if (changes.Count > 0)
                {
                    _sequence += changes.Count;
                    Cursor = changes[^1].Cursor;
                    return changes;
                }

                await _feed.NextPollAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>The store's changes after <see cref="Cursor"/>; ends the replay when the store has no more.</summary>
    private async Task<IReadOnlyList<AlertChange>> ReplayAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertChange> page;
        try
        {
            page = await _feed.Store.ReadFeedAsync(Cursor, AlertFeed.PageSize, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A cursor the store cannot read after (damaged, or from another store): follow from now on.
            Log.AlertFeedReplayFailed(_feed.Logger, ex);
            _replay = false;
            _sequence = _feed.End;
            return [];
        }

        if (page.Count > 0)
        {
            Cursor = page[^1].Cursor;
        }

        if (page.Count < AlertFeed.PageSize)
        {
            _replay = false;
            _sequence = null;
            _waitingSince = _feed.Polls;
        }

        return page;
    }

    /// <summary>Finds where the poller has <see cref="Cursor"/>; false while it has not reached it yet.</summary>
    private async Task<bool> LocateAsync(CancellationToken cancellationToken)
    {
        if (Cursor is not null && _feed.TryLocate(Cursor, out var sequence))
        {
            _sequence = sequence;
            return true;
        }

        if (Cursor is null || _feed.Polls - _waitingSince >= PollsToCatchUp)
        {
            _sequence = _feed.End;
            return true;
        }

        await _feed.NextPollAsync(cancellationToken);
        return false;
    }
}
