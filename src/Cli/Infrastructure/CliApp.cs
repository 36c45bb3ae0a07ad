using System.CommandLine;
using Collapse.Theory;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Entry point of the <c>collapse</c> tool: builds the command tree, parses, and maps failures to exit codes
/// (0 success / claim holds, 1 claim falsified, 2 bad input or bad flags; never a stack trace for bad input).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for bad input or bad flags.</summary>
    public const int BadInput = 2;

    /// <summary>Builds the root command with every sub-command registered in <see cref="CommandRegistry"/>.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Collapse: numerical checks of neural-collapse claims (ETF, NC metrics, margins, CE↔SVM, bounds).");
        foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join("; ", parse.Errors.Select(e => e.Message).Where(m => !m.StartsWith("Required command", StringComparison.Ordinal)).DefaultIfEmpty(parse.Errors[0].Message).Distinct());
            stderr.WriteLine($"error: {message} (see '{string.Join(' ', CommandPath(parse).Prepend("collapse"))} --help')");
            return BadInput;
        }
        try
        {
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parse.Invoke(config);
        }
        catch (Exception ex) when (Unwrap(ex) is InputException input)
        {
            stderr.WriteLine($"error: {input.Message}");
            return BadInput;
        }
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
