using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Analysis;

/// <summary>
/// Hands analysed inquiries from the conversation to the alert detectors without making the user wait for them. The
/// queue is bounded: when the detectors fall this far behind, the newest signals are dropped and counted in the log
/// rather than the conversation slowed or memory exhausted.
/// </summary>
public sealed class InquirySignalBuffer(ILogger<InquirySignalBuffer> logger)
{
    /// <summary>How many signals may wait; at a few thousand inquiries a second this is seconds of backlog.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<InquirySignal> _channel = Channel.CreateBounded<InquirySignal>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    /// <summary>The signals in arrival order, for the one reader that feeds the detectors.</summary>
    public ChannelReader<InquirySignal> Reader => _channel.Reader;

    /// <summary>Queues a signal; drops it (and logs) when the queue is full.</summary>
    public void Post(InquirySignal signal)
    {
        if (!_channel.Writer.TryWrite(signal))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            Log.SignalDropped(logger, dropped);
        }
    }

    /// <summary>No more signals will come (shutdown); the reader drains what is queued.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
