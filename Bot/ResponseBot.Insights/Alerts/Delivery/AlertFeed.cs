using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResponseBot.Insights.Alerts.Delivery;

/// <summary>
/// Follows the alert feed of <see cref="IAlertStore"/> for this instance: one poller reads the store about every
/// <see cref="PollInterval"/> from the latest cursor at start-up and keeps the last <see cref="Capacity"/> changes in
/// memory, and any number of <see cref="AlertFeedReader"/>s (live pages, the WeCom robot) read them from there.
/// </summary>
/// <remarks>
/// A reader that asks for changes after a cursor the poller has not kept (a browser reconnecting with
/// <c>Last-Event-ID</c>, or a reader that fell more than <see cref="Capacity"/> changes behind) reads the store itself
/// until it has caught up, then joins the shared changes; so the store is read once per poll whatever the number of
/// readers, and nobody misses a change.
/// </remarks>
public sealed class AlertFeed(IAlertStore store, TimeProvider timeProvider, ILogger<AlertFeed> logger) : BackgroundService
{
    /// <summary>Changes kept in memory for the readers.</summary>
    public const int Capacity = 1024;

    /// <summary>Changes asked of the store at a time.</summary>
    internal const int PageSize = 200;

    /// <summary>How often the poller reads the store.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private readonly AlertChange[] _ring = new AlertChange[Capacity];
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _polled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _end;
    private long _polls;
    private bool _failing;

    /// <summary>Completes once the poller knows where the feed stood at start-up; readers wait for it.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Polls of the store completed so far.</summary>
    public long Polls
    {
        get
        {
            lock (_lock)
            {
                return _polls;
            }
        }
    }

    internal IAlertStore Store => store;

    internal TimeProvider TimeProvider => timeProvider;

    internal ILogger Logger => logger;

    /// <summary>
    /// A reader of the changes after <paramref name="after"/>, or after the store's latest change when it is
    /// <see langword="null"/> (from now on). Waits until the feed is <see cref="Ready"/>.
    /// </summary>
    public async Task<AlertFeedReader> OpenReaderAsync(string? after, CancellationToken cancellationToken)
    {
        await _ready.Task.WaitAsync(cancellationToken);
        // "From now on" is the store's now: the poller may not have read the newest changes yet.
        var start = string.IsNullOrEmpty(after) ? await store.LatestCursorAsync(cancellationToken) : after;
        return new AlertFeedReader(this, start);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var cursor = await ReadStartAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, timeProvider, stoppingToken);
                cursor = await PollAsync(cursor, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>The sequence after the change <paramref name="cursor"/>, when the poller has it (or started there).</summary>
    internal bool TryLocate(string cursor, out long sequence)
    {
        lock (_lock)
        {
            if (_sequences.TryGetValue(cursor, out var found))
            {
                sequence = found + 1;
                return true;
            }

            sequence = 0;
            return false;
        }
    }

    /// <summary>The sequence the next change will get.</summary>
    internal long End
    {
        get
        {
            lock (_lock)
            {
                return _end;
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> changes from <paramref name="sequence"/> on; <see langword="false"/> when some of
    /// them have already left memory.
    /// </summary>
    internal bool TryRead(long sequence, int max, out IReadOnlyList<AlertChange> changes)
    {
        lock (_lock)
        {
            if (sequence < _end - Capacity)
            {
                changes = [];
                return false;
            }

            var count = (int)Math.Min(max, Math.Max(0, _end - sequence));
            var list = new AlertChange[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = _ring[(sequence + i) % Capacity];
            }

            changes = list;
            return true;
        }
    }

    /// <summary>Completes when the next poll is done (whether it found changes or not).</summary>
    internal Task NextPollAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _polled.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task<string?> ReadStartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var cursor = await store.LatestCursorAsync(cancellationToken);
                lock (_lock)
                {
                    if (cursor is not null)
                    {
                        // A reader that asks for the changes after the start is positioned at the first one.
                        _sequences[cursor] = -1;
                    }
                }

                _ready.TrySetResult();
                Log.AlertFeedStarted(logger, cursor is null);
                return cursor;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.AlertFeedReadFailed(logger, ex);
                await Task.Delay(PollInterval * 10, timeProvider, cancellationToken);
            }
        }
    }

    private async Task<string?> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var page = await store.ReadFeedAsync(cursor, PageSize, cancellationToken);
                if (page.Count > 0)
                {
                    Append(page);
                    cursor = page[^1].Cursor;
                }

                if (page.Count < PageSize)
                {
                    break;
                }
            }

            if (_failing)
            {
                _failing = false;
                Log.AlertFeedRecovered(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Log a failing store once, not every half second; the next poll tries again from the same cursor.
            if (!_failing)
            {
                _failing = true;
                Log.AlertFeedReadFailed(logger, ex);
            }
        }

        TaskCompletionSource polled;
        lock (_lock)
        {
            _polls++;
            polled = _polled;
            _polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        polled.TrySetResult();
        return cursor;
    }

    private void Append(IReadOnlyList<AlertChange> changes)
    {
        lock (_lock)
        {
            foreach (var change in changes)
            {
                var slot = (int)(_end % Capacity);
                if (_ring[slot] is { } evicted)
                {
                    _sequences.Remove(evicted.Cursor);
                }

                _ring[slot] = change;
                _sequences[change.Cursor] = _end;
                _end++;
            }
        }
    }
}
