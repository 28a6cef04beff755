using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Analysis;

/// <summary>
/// Feeds the analysed inquiries of <see cref="InquirySignalBuffer"/> to the <see cref="AlertMonitor"/>, one at a time
/// and in arrival order. On shutdown it drains what is already queued (within the host's shutdown timeout), so a
/// restart loses no counted inquiry that had been answered.
/// </summary>
internal sealed class InquirySignalPump(InquirySignalBuffer signals, AlertMonitor monitor, ILogger<InquirySignalPump> logger)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        signals.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stopping token is not passed to the reader: after Complete() it ends by itself once the queue is empty.
        await foreach (var signal in signals.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await monitor.ObserveAsync(signal, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.ObserveFailed(logger, e);
            }
        }
    }
}
