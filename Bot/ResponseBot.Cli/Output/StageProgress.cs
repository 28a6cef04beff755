using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Cli.Output;

/// <summary>
/// Progress of long work on stderr, so stdout stays clean for results. On a terminal one line per stage is
/// rewritten in place; redirected, each stage prints one line when it completes, which keeps logs short.
/// </summary>
internal sealed class StageProgress(TextWriter error) : IProgress<EvalProgress>
{
    private readonly bool _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private string? _openStage;
    private string? _pendingText;

    public void Report(EvalProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var done = value.Total > 0 && value.Done >= value.Total;
        var text = value.Total > 0 ? $"{value.Stage} {value.Done}/{value.Total}" : $"{value.Stage} {value.Done}";
        if (_interactive)
        {
            error.Write($"\r{text}   ");
            _openStage = value.Stage;
            if (done)
            {
                error.WriteLine();
                _openStage = null;
            }
        }
        else if (done && _openStage != value.Stage)
        {
            error.WriteLine(text);
            _openStage = value.Stage;
        }
        else if (value.Total <= 0)
        {
            // The size is not known in advance: say the last count once the stage is over.
            _pendingText = text;
        }
    }

    /// <summary>A counter for one stage; a total of 0 means the size is not known in advance.</summary>
    public IProgress<int> Stage(string stage, int total) =>
        new Counter(count => Report(new EvalProgress(stage, count, total)));

    /// <summary>Ends a stage whose size was not known in advance.</summary>
    public void Finish()
    {
        if (_interactive && _openStage is not null)
        {
            error.WriteLine();
            _openStage = null;
        }
        else if (!_interactive && _pendingText is not null)
        {
            error.WriteLine(_pendingText);
        }

        _pendingText = null;
    }

    // Progress<T> posts to the thread pool; these reports must be written in order, at once.
    private sealed class Counter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
