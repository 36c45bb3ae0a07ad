using System.CommandLine;

namespace Collapse.Cli.Commands;

/// <summary><c>collapse deep</c>: real networks on real data into the terminal phase (train, tpt, permutations).</summary>
public static class DeepCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var command = new Command("deep", "Train real networks (TorchSharp) into the terminal phase and measure neural collapse per epoch.");
        command.Subcommands.Add(DeepTrainCommand.Create());
        command.Subcommands.Add(DeepTptCommand.Create());
        command.Subcommands.Add(DeepPermutationsCommand.Create());
        command.Subcommands.Add(DeepRunTrainingsCommand.Create());
        return command;
    }
}
