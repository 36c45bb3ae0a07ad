using Collapse.Cli.Infrastructure;

namespace Collapse.Cli.Tests;

/// <summary>Runs the CLI in-process and captures exit code, stdout and stderr.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }
}
