using System.CommandLine;
using Collapse.Cli.Commands;

namespace Collapse.Cli.Infrastructure;

/// <summary>The one list of top-level commands. Each command lives in its own file under <c>Commands/</c>.</summary>
public static class CommandRegistry
{
    /// <summary>All top-level commands, in help order.</summary>
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return EtfCommand.Create();
        yield return MetricsCommand.Create();
        yield return ClaimsCommand.Create();
        yield return CheckCommand.Create();
        yield return SvmCommand.Create();
        yield return ReportCommand.Create();
        yield return UfmCommand.Create();
        yield return LeSdeCommand.Create();
        yield return DeepCommand.Create();
        yield return AnalyzeRunCommand.Create();
        yield return SweepCommand.Create();
        yield return BenchCommand.Create();
    }
}
