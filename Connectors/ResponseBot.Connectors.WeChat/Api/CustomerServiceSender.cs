using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Api;

/// <summary>Limits of the <see cref="CustomerServiceSender"/>; the defaults follow WeChat's rules.</summary>
public sealed class CustomerServiceOptions
{
    /// <summary>Messages waiting to be sent, at most; beyond it <see cref="CustomerServiceSender.TryEnqueue"/> refuses.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Messages one user may get in <see cref="QuotaWindow"/> (WeChat: 5 within 48 h of the user's message).</summary>
    public int QuotaPerUser { get; set; } = 5;

    /// <summary>The window the quota counts in.</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The first retry's delay; each further retry waits twice as long, give or take half (jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long shutting down waits for the queue to be sent.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Sends replies as 客服 (customer-service) text messages in the background: a reply that missed the passive-reply
/// deadline, or one longer than a passive reply may be. Text over 2048 UTF-8 bytes goes out as several messages.
/// </summary>
/// <remarks>
/// <para>
/// WeChat lets an account send a user 5 such messages within 48 hours of the user's message. Each instance counts
/// what it sent to each user in memory and drops what would exceed the quota; the count starts with the first
/// message and lapses 48 h later. With several instances the count is per instance, so WeChat's own refusal
/// (45047) is the last word: after 45015 (window closed) or 45047 (quota used) nothing more queued for that user is
/// sent and nothing is retried. A later <see cref="TryEnqueue"/>, made because the user wrote again, is tried anew
/// after 45015; after 45047 the user's quota stays used until its window lapses.
/// </para>
/// <para>
/// Failures that may pass (HTTP 5xx, timeouts, network errors, errcode -1) are retried with exponential backoff and
/// jitter, 3 attempts in all. One queue is sent in order, so a user's pieces arrive in order. On shutdown the queue
/// is sent for up to <see cref="CustomerServiceOptions.ShutdownGrace"/>; what is left is dropped and counted.
/// </para>
/// </remarks>
public sealed class CustomerServiceSender : BackgroundService
{
    /// <summary>Attempts of one message when the failures are transient.</summary>
    public const int MaxAttempts = 3;

    private readonly AccessTokenProvider _tokens;
    private readonly WeChatApiClient _client;
    private readonly CustomerServiceOptions _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CustomerServiceSender> _logger;
    private readonly bool _configured;
    private readonly bool _enabled;
    private readonly Channel<Outgoing> _queue;
    private readonly ConcurrentDictionary<string, UserQuota> _users = new(StringComparer.Ordinal);
    private long _nextSweepTicks;
    private volatile bool _stopping;
    private long _sent;
    private long _dropped;
    private long _failed;

    /// <summary>Creates the sender; start it as a hosted service.</summary>
    public CustomerServiceSender(
        AccessTokenProvider tokens,
        WeChatApiClient client,
        IOptions<WeChatOptions> weChat,
        IOptions<CustomerServiceOptions> settings,
        TimeProvider timeProvider,
        ILogger<CustomerServiceSender> logger)
    {
        ArgumentNullException.ThrowIfNull(weChat);
        ArgumentNullException.ThrowIfNull(settings);
        _tokens = tokens;
        _client = client;
        _settings = settings.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _configured = !string.IsNullOrEmpty(weChat.Value.AppId) && !string.IsNullOrEmpty(weChat.Value.AppSecret);
        _enabled = weChat.Value.Enabled;
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(_settings.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _nextSweepTicks = (timeProvider.GetUtcNow() + _settings.QuotaWindow).UtcTicks;
    }

    /// <summary>Messages WeChat accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages not sent by choice: over the quota, after a refusal, with the queue full, or left at shutdown.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages WeChat refused, or that failed on every attempt.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Queues <paramref name="text"/> for <paramref name="openId"/>, split into messages of at most 2048 UTF-8
    /// bytes. Returns whether any of it was queued; what the user's quota or the queue cannot take is dropped.
    /// Call it in answer to a message the user just sent.
    /// </summary>
    public bool TryEnqueue(string openId, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        ArgumentException.ThrowIfNullOrEmpty(text);
        var pieces = WeChatText.SplitUtf8(text, WeChatText.MaxTextBytes);
        if (!_configured)
        {
            Interlocked.Add(ref _dropped, pieces.Count);
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        SweepIfDue(now);
        var user = _users.GetOrAdd(openId, _ => new UserQuota());
        var (allowed, generation) = user.Reserve(pieces.Count, now, _settings);
        if (allowed < pieces.Count)
        {
            Interlocked.Add(ref _dropped, pieces.Count - allowed);
            if (user.ShouldLogQuota())
            {
                Log.CustomerServiceQuotaUsed(_logger, _settings.QuotaPerUser, _settings.QuotaWindow.TotalHours, pieces.Count - allowed);
            }
        }

        for (var i = 0; i < allowed; i++)
        {
            if (!_queue.Writer.TryWrite(new Outgoing(openId, user, pieces[i], i + 1, pieces.Count, generation)))
            {
                user.Release(allowed - i);
                Interlocked.Add(ref _dropped, allowed - i);
                if (!_stopping)
                {
                    Log.CustomerServiceQueueFull(_logger, _settings.QueueCapacity, allowed - i);
                }

                return i > 0;
            }
        }

        return allowed > 0;
    }

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_enabled && !_configured)
        {
            Log.CustomerServiceUnavailable(_logger);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>Stops taking messages, sends what is queued for up to the grace period, then drops the rest.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } sending)
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(_settings.ShutdownGrace);
            await sending.WaitAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await base.StopAsync(cancellationToken);
        var left = 0;
        while (_queue.Reader.TryRead(out _))
        {
            left++;
        }

        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            Log.CustomerServiceUndelivered(_logger, left);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown after the grace period; StopAsync counts what is left.
        }
    }

    private async Task DeliverAsync(Outgoing message, CancellationToken cancellationToken)
    {
        if (message.User.IsRefused(message.Generation))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _tokens.CallAsync(
                    (token, ct) => _client.SendCustomTextAsync(token, message.OpenId, message.Text, ct), cancellationToken);
                Interlocked.Increment(ref _sent);
                Log.CustomerServiceSent(_logger, message.Part, message.Parts);
                return;
            }
            catch (WeChatApiException ex) when (ex.ErrorCode is WeChatErrorCodes.ResponseOutOfTimeLimit or WeChatErrorCodes.ResponseCountLimit)
            {
                Interlocked.Increment(ref _failed);
                if (message.User.Refuse(message.Generation, ex.ErrorCode == WeChatErrorCodes.ResponseCountLimit))
                {
                    Log.CustomerServiceRefused(_logger, ex.ErrorCode);
                }

                return;
            }
            catch (WeChatApiException ex) when (ex.IsTransient && attempt < MaxAttempts)
            {
                var delay = Backoff(attempt);
                Log.CustomerServiceRetrying(_logger, ex.Message, attempt, MaxAttempts, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }
            catch (WeChatApiException ex)
            {
                Interlocked.Increment(ref _failed);
                Log.CustomerServiceFailed(_logger, attempt, ex.Message);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The grace period ran out while this message was on its way.
                Interlocked.Increment(ref _dropped);
                throw;
            }
            catch (Exception ex)
            {
                // Whatever it is, it must not end the sending loop: the host would stop with it.
                Interlocked.Increment(ref _failed);
                Log.CustomerServiceUnexpected(_logger, ex);
                return;
            }
        }
    }

    /// <summary>base × 2^(attempt−1), times a random factor in [0.5, 1.5) so instances do not retry in step.</summary>
    private TimeSpan Backoff(int attempt) =>
        _settings.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());

    /// <summary>Forgets users whose window has lapsed, now and then, so the map does not grow without bound.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(ref _nextSweepTicks, (now + _settings.QuotaWindow / 48).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (openId, user) in _users)
        {
            if (user.HasLapsed(now, _settings.QuotaWindow))
            {
                _users.TryRemove(new KeyValuePair<string, UserQuota>(openId, user));
            }
        }
    }

    private sealed record Outgoing(string OpenId, UserQuota User, string Text, int Part, int Parts, long Generation);

    /// <summary>One user's count in the current window, and whether WeChat has refused further messages.</summary>
    private sealed class UserQuota
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _windowStart;
        private int _used;
        private long _generation;
        private long _refusedThrough = -1;
        private bool _quotaLogged;

        /// <summary>Takes up to <paramref name="wanted"/> of the quota; a new generation marks this user message.</summary>
        public (int Allowed, long Generation) Reserve(int wanted, DateTimeOffset now, CustomerServiceOptions settings)
        {
            lock (_lock)
            {
                if (_used == 0 || now - _windowStart >= settings.QuotaWindow)
                {
                    _windowStart = now;
                    _used = 0;
                    _quotaLogged = false;
                }

                var allowed = Math.Min(wanted, Math.Max(0, settings.QuotaPerUser - _used));
                _used += allowed;
                return (allowed, ++_generation);
            }
        }

        public void Release(int count)
        {
            lock (_lock)
            {
                _used = Math.Max(0, _used - count);
            }
        }

        /// <summary>True once per window, so a used-up quota is logged once.</summary>
        public bool ShouldLogQuota()
        {
            lock (_lock)
            {
                var first = !_quotaLogged;
                _quotaLogged = true;
                return first;
            }
        }

        /// <summary>
        /// Stops what was queued for the user message <paramref name="generation"/> and before: the window closed
        /// (45015); a later user message opens it again. With <paramref name="quotaUsed"/> (45047) everything queued
        /// is stopped and the rest of the window's quota is spent. True when this stops something new, so each
        /// refusal is logged once.
        /// </summary>
        public bool Refuse(long generation, bool quotaUsed)
        {
            lock (_lock)
            {
                var through = generation;
                if (quotaUsed)
                {
                    _used = int.MaxValue / 2;
                    _quotaLogged = true;
                    through = _generation;
                }

                if (through <= _refusedThrough)
                {
                    return false;
                }

                _refusedThrough = through;
                return true;
            }
        }

        public bool IsRefused(long generation)
        {
            lock (_lock)
            {
                return generation <= _refusedThrough;
            }
        }

        public bool HasLapsed(DateTimeOffset now, TimeSpan window)
        {
            lock (_lock)
            {
                return now - _windowStart >= window;
            }
        }
    }
}
