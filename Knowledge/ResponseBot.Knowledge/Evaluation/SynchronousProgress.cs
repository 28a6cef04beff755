namespace ResponseBot.Knowledge.Evaluation;

/// <summary>
/// Reports on the calling thread, at once. <see cref="Progress{T}"/> posts to the thread pool, so its reports can
/// arrive after the work is done and out of order.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
