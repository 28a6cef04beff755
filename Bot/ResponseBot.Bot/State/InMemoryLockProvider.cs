namespace ResponseBot.Bot.State;

/// <summary>
/// Locks for a single instance (<c>Storage:Provider=Sqlite</c>). Waiters queue in arrival order and are handed the
/// lock directly on release, without polling. A lease is measured by <see cref="TimeProvider.GetUtcNow"/>: once it
/// has lapsed, the next acquirer (or a waiter whose wait wakes it) takes the lock, and the old holder's release does
/// nothing. A name with neither holder nor waiter is forgotten.
/// </summary>
/// <param name="timeProvider">The clock leases lapse by and waits are timed with.</param>
public sealed class InMemoryLockProvider(TimeProvider timeProvider) : ILockProvider
{
    private const int SmallestSweepCount = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _sweepAtCount = SmallestSweepCount;

    /// <summary>Names currently remembered: held, waited for, or lapsed and not yet forgotten.</summary>
    internal int NameCount
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A zero or negative <paramref name="wait"/> tries once.</remarks>
    public async Task<IAsyncDisposable?> TryAcquireAsync(
        string name, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var started = timeProvider.GetTimestamp();
        var waiter = new Waiter(lease);
        try
        {
            while (true)
            {
                TimeSpan nap;
                lock (_gate)
                {
                    if (waiter.Granted.Task.IsCompleted)
                    {
                        return waiter.Granted.Task.Result;
                    }

                    var slot = SlotOf(name);
                    var now = timeProvider.GetUtcNow();
                    if (slot.Holder is null || slot.LeaseEnds <= now)
                    {
                        Leave(slot, waiter);
                        return Grant(name, slot, lease, now);
                    }

                    var remaining = wait - timeProvider.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero)
                    {
                        Leave(slot, waiter);
                        return null;
                    }

                    if (waiter.Node.List is null)
                    {
                        slot.Waiters.AddLast(waiter.Node);
                    }

                    // Sleep until handed the lock, or until the wait ends or the holder's lease lapses, whichever is first.
                    nap = remaining < slot.LeaseEnds - now ? remaining : slot.LeaseEnds - now;
                }

                try
                {
                    return await waiter.Granted.Task.WaitAsync(nap, timeProvider, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Look again: the lease may have lapsed, or the wait ended.
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (_slots.TryGetValue(name, out var slot))
                {
                    Leave(slot, waiter);
                }
            }

            // Handed the lock just as the caller gave up: pass it on rather than keep it.
            if (waiter.Granted.Task.IsCompletedSuccessfully)
            {
                await waiter.Granted.Task.Result.DisposeAsync();
            }

            throw;
        }
    }

    private static void Leave(Slot slot, Waiter waiter)
    {
        if (waiter.Node.List is not null)
        {
            slot.Waiters.Remove(waiter.Node);
        }
    }

    private Slot SlotOf(string name)
    {
        if (_slots.TryGetValue(name, out var slot))
        {
            return slot;
        }

        if (_slots.Count >= _sweepAtCount)
        {
            ForgetIdleNames(timeProvider.GetUtcNow());
        }

        slot = new Slot();
        _slots.Add(name, slot);
        return slot;
    }

    // Names whose holder crashed without releasing are still in the map; drop those nobody waits for.
    private void ForgetIdleNames(DateTimeOffset now)
    {
        foreach (var (name, slot) in _slots)
        {
            if (slot.Waiters.Count == 0 && (slot.Holder is null || slot.LeaseEnds <= now))
            {
                _slots.Remove(name);
            }
        }

        _sweepAtCount = Math.Max(SmallestSweepCount, 2 * _slots.Count);
    }

    private Handle Grant(string name, Slot slot, TimeSpan lease, DateTimeOffset now)
    {
        var handle = new Handle(this, name);
        slot.Holder = handle;
        slot.LeaseEnds = now + lease;
        return handle;
    }

    private void Release(string name, Handle handle)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(name, out var slot) || !ReferenceEquals(slot.Holder, handle))
            {
                return; // the lease lapsed and someone else holds it now
            }

            slot.Holder = null;
            if (slot.Waiters.First is { } first)
            {
                slot.Waiters.RemoveFirst();
                first.Value.Granted.SetResult(Grant(name, slot, first.Value.Lease, timeProvider.GetUtcNow()));
            }
            else
            {
                _slots.Remove(name);
            }
        }
    }

    private sealed class Slot
    {
        public Handle? Holder { get; set; }

        public DateTimeOffset LeaseEnds { get; set; }

        public LinkedList<Waiter> Waiters { get; } = [];
    }

    private sealed class Waiter
    {
        public Waiter(TimeSpan lease)
        {
            Lease = lease;
            Node = new LinkedListNode<Waiter>(this);
        }

        public TimeSpan Lease { get; }

        public LinkedListNode<Waiter> Node { get; }

        // Completed under the gate by Release; continuations run elsewhere so the gate is never held by a waiter.
        public TaskCompletionSource<Handle> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Handle(InMemoryLockProvider owner, string name) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(name, this);
            }

            return ValueTask.CompletedTask;
        }
    }
}
