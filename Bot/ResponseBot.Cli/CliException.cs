namespace ResponseBot.Cli;

/// <summary>A command cannot go on; the message is what the user reads, on one line, and the exit code follows.</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this("the command failed", CliApp.Failure)
    {
    }

    public CliException(string message)
        : this(message, CliApp.Failure)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = CliApp.Failure;

    public CliException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>The user gave something wrong: an argument, a file, an id.</summary>
    public static CliException BadInput(string message) => new(message, CliApp.BadInput);
}
