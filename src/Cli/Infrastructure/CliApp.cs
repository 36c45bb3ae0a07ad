using System.CommandLine;
using Collapse.Theory;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Entry point of the <c>collapse</c> tool: builds the command tree, parses, and maps failures to exit codes
/// (0 success / claim holds, 1 claim falsified, 2 bad input or bad flags, 3 internal error, 4 a simulation diverged;
/// never a stack trace on the terminal). It is the last line of defence: any exception a command does not handle
/// becomes one line <c>internal error: TYPE: MESSAGE (please report; details in LOG)</c>, the full trace goes to
/// <see cref="ErrorLog"/>, and the command's unfinished outputs are removed (<see cref="OutputGuard"/>).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for bad input or bad flags.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an unexpected exception (a bug): one line on stderr, the trace in the error log.</summary>
    public const int InternalError = 3;

    /// <summary>Exit code of a simulation that diverged (its outputs are kept up to the last finite step).</summary>
    public const int Diverged = 4;

    /// <summary>Exit code when a command was cancelled by SIGINT and did not handle it itself (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the root command with every sub-command registered in <see cref="CommandRegistry"/>.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Collapse: numerical checks of neural-collapse claims (ETF, NC metrics, margins, CE↔SVM, bounds).");
        foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) => Run(args, stdout, stderr, []);

    /// <summary>Parses and runs with <paramref name="extraCommands"/> added to the tree (tests inject failing commands).</summary>
    internal static int Run(string[] args, TextWriter? stdout, TextWriter? stderr, IEnumerable<Command> extraCommands)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot();
        foreach (var c in extraCommands) root.Subcommands.Add(c);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join("; ", parse.Errors.Select(Describe).Where(m => !m.StartsWith("Required command", StringComparison.Ordinal))
                .DefaultIfEmpty(parse.Errors[0].Message).Distinct());
            stderr.WriteLine($"error: {message} (see '{string.Join(' ', CommandPath(parse).Prepend("collapse"))} --help')");
            return BadInput;
        }
        if (EmptyValue(parse) is { } empty)
        {
            stderr.WriteLine($"error: {empty}: empty value (see '{string.Join(' ', CommandPath(parse).Prepend("collapse"))} --help')");
            return BadInput;
        }
        ChildTrainings.Install();
        var guard = OutputGuard.Begin();
        try
        {
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            var code = parse.Invoke(config);
            guard.Commit();
            return code;
        }
        catch (Exception ex) when (Unwrap(ex) is InputException input)
        {
            guard.Rollback();
            stderr.WriteLine($"error: {input.Message}");
            return BadInput;
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException)
        {
            guard.Rollback();
            stderr.WriteLine("error: interrupted; unfinished outputs were removed");
            return Interrupted;
        }
        catch (Exception ex)
        {
            guard.Rollback();
            var error = Unwrap(ex);
            var log = ErrorLog.Write(error, args, guard.ExistingFolder);
            stderr.WriteLine($"internal error: {error.GetType().FullName}: {FirstLine(error.Message)} (please report; {(log is null ? "no error log could be written" : $"details in {log}")})");
            return InternalError;
        }
    }

    /// <summary>
    /// The first option (<c>--out</c>) or argument (<c>dir</c>) given an empty or blank value, or null. No flag of the
    /// tool has a meaning for "" (a path, a number, a choice), so it is bad input before any command runs.
    /// </summary>
    private static string? EmptyValue(ParseResult parse)
    {
        for (var command = parse.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
            foreach (var child in command.Children)
            {
                if (!child.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) continue;
                return child switch
                {
                    System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                    System.CommandLine.Parsing.ArgumentResult a => $"{a.Argument.Name} (argument of '{command.Command.Name}')",
                    _ => null,
                };
            }
        return null;
    }

    /// <summary>A parser error on one line, prefixed with the option it concerns when the message does not name it.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error)
    {
        var message = OneLine(error.Message);
        var option = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option,
            _ => null,
        };
        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    /// <summary>
    /// A parser message on one line: "Argument 'x' not recognized. Must be one of:\n\t'a'\n\t'b'" becomes
    /// "Argument 'x' not recognized. Must be one of: 'a', 'b'" (exit 2 promises exactly one line on stderr).
    /// </summary>
    private static string OneLine(string message)
    {
        var lines = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines.Skip(1));
    }

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n')[0].Trim();
        return line.Length == 0 ? "(no message)" : line;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
            if (c.Command is not RootCommand) names.Insert(0, c.Command.Name);
        return names;
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerException: not null } or System.Reflection.TargetInvocationException { InnerException: not null })
            ex = ex.InnerException!;
        return ex;
    }
}
