using System.CommandLine;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse deep run-trainings DIR --from I --attempt A</c> (hidden, internal): the child process of
/// <see cref="ChildProcessTrainingRunner"/>; trains jobs I… of the batch folder DIR (<see cref="TrainingBatchWorker"/>).
/// </summary>
public static class DeepRunTrainingsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "Batch folder written by the parent (data.bin, jobs.json)." };
        var from = new Option<int>("--from") { Description = "First job to train.", DefaultValueFactory = _ => 0 };
        var attempt = new Option<int>("--attempt") { Description = "Attempt number of the first job (1 = first run).", DefaultValueFactory = _ => 1 };
        var command = new Command("run-trainings", "Internal: train a batch of jobs handed over by a parent collapse process.") { Hidden = true };
        command.Arguments.Add(folder);
        command.Options.Add(from);
        command.Options.Add(attempt);
        command.SetAction(parse =>
        {
            if (parse.GetValue(from) is var first and < 0) throw new InputException($"--from {first}: must be at least 0");
            if (parse.GetValue(attempt) is var a and < 1) throw new InputException($"--attempt {a}: must be at least 1");
            return TrainingBatchWorker.Run(parse.GetValue(folder)!, parse.GetValue(from), parse.GetValue(attempt), parse.InvocationConfiguration.Output);
        });
        return command;
    }
}
