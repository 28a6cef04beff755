using System.Diagnostics.CodeAnalysis;

namespace ResponseBot.Bot.State;

/// <summary>
/// The storage behind the in-memory state stores: a dictionary whose entries expire by <see cref="TimeProvider"/>
/// time. Expired entries are invisible at once and removed by a sweep now and then (on a write, at most once a
/// minute or when the map has doubled since the last sweep), so the map does not grow without bound and needs no
/// timer. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The value.</typeparam>
/// <param name="timeProvider">The clock entries expire by.</param>
public sealed class ExpiringMemoryMap<TKey, TValue>(TimeProvider timeProvider)
    where TKey : notnull
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int SmallestSweepCount = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = [];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private int _sweepAtCount = SmallestSweepCount;

    /// <summary>Entries held, including expired ones not yet swept.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Adds the entry unless a live one has the key; <see langword="true"/> when it was added. Atomic.
    /// </summary>
    public bool TryAdd(TKey key, TValue value, TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                return false;
            }

            Write(key, new Entry(value, now + timeToLive), now);
            return true;
        }
    }

    /// <summary>Adds or replaces the entry; it expires <paramref name="timeToLive"/> from now.</summary>
    public void Set(TKey key, TValue value, TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            Write(key, new Entry(value, now + timeToLive), now);
        }
    }

    /// <summary>The live value of <paramref name="key"/>, if any.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > timeProvider.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            value = default;
            return false;
        }
    }

    /// <summary>Removes the entry; <see langword="false"/> when there was none.</summary>
    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            return _entries.Remove(key);
        }
    }

    /// <summary>Removes the entry only if <paramref name="predicate"/> holds for its value, in one atomic step.</summary>
    public bool RemoveIf(TKey key, Func<TValue, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) && predicate(entry.Value) && _entries.Remove(key);
        }
    }

    private void Write(TKey key, Entry entry, DateTimeOffset now)
    {
        _entries[key] = entry;
        if (now < _nextSweep && _entries.Count < _sweepAtCount)
        {
            return;
        }

        foreach (var (candidate, existing) in _entries)
        {
            if (existing.ExpiresAt <= now)
            {
                _entries.Remove(candidate);
            }
        }

        _nextSweep = now + SweepInterval;
        _sweepAtCount = Math.Max(SmallestSweepCount, 2 * _entries.Count);
    }

    private readonly record struct Entry(TValue Value, DateTimeOffset ExpiresAt);
}
