using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResponseBot.Insights.Classification;

namespace ResponseBot.Insights.Analysis;

/// <summary>
/// Loads the insight models when the service starts: a missing, corrupt or outdated model file stops the start-up
/// with an <see cref="InsightModelException"/> that names the file and says how to fix it.
/// </summary>
internal sealed class InsightModelsCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IInquiryClassifier>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
