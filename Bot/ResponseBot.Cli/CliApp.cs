using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Data.Sqlite;
using ResponseBot.Cli.Commands;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Cli;

/// <summary>
/// The <c>responsebot</c> command line: what commands there are, and how their outcomes become exit codes.
/// Exit codes: 0 done, 1 failed, 2 bad input (a wrong argument, file, or id). Errors are one line on stderr.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Set to show the stack trace of an unexpected failure instead of one line.</summary>
    public const string TraceVariable = "RESPONSEBOT_TRACE";

    /// <summary>Parses <paramref name="args"/> and runs the command, writing to the given writers instead of the console.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parsed = CreateRootCommand().Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // System.CommandLine would print the whole help after the errors; one line and a pointer read better.
            stderr.WriteLine($"error: {OneLine(parsed.Errors[0].Message)}");
            stderr.WriteLine($"Run '{CommandPath(parsed)} --help' for usage.");
            return BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (EvalInputException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return Failure;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return Failure;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable(TraceVariable) is not { Length: > 0 })
        {
            // Not a user mistake but a fault: name its type so it can be reported, and keep the trace for when asked.
            stderr.WriteLine($"error: {ex.GetType().Name}: {ex.Message} (set {TraceVariable}=1 for the stack trace)");
            return Failure;
        }
    }

    /// <summary>The command tree; <c>--db</c> applies to every command.</summary>
    internal static RootCommand CreateRootCommand()
    {
        var db = new Option<string?>("--db")
        {
            Description = "The SQLite knowledge store (default: Knowledge:SqlitePath from appsettings.json or Knowledge__SqlitePath)",
            HelpName = "path",
            Recursive = true,
        };
        var root = new RootCommand(
            "ResponseBot tool: curate, publish and search the knowledge base; train and evaluate the search re-ranker and the insight models; simulate the alert detectors; benchmark; push the WeChat menu.")
        {
            db,
            KbCommands.Create(db),
            EvalCommands.Create(),
            BenchCommands.Create(),
            TrainCommands.Create(),
            WeChatCommands.Create(),
            SimulateCommands.Create(),
        };
        return root;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "responsebot" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
