using System.CommandLine;
using Collapse.Cli.Infrastructure;

namespace Collapse.Cli.Commands;

/// <summary><c>collapse version</c>: prints the tool and runtime versions.</summary>
public static class VersionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("version", "Print the Collapse and .NET versions.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine($"collapse {EnvironmentInfo.CollapseVersion} (.NET {Environment.Version})");
            return 0;
        });
        return command;
    }
}
