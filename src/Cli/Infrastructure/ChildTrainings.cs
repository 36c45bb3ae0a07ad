using Collapse.DeepValidation.Training.Isolation;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Binds the deep trainings of the CLI to child <c>collapse</c> processes (<see cref="ChildProcessTrainingRunner"/>),
/// started with the sweep executor's launcher (<see cref="CollapseExecutable"/>, <c>CommandLauncher.StartInfo</c>),
/// unless <c>COLLAPSE_TRAINING_ISOLATION=in-process</c>.
/// </summary>
public static class ChildTrainings
{
    /// <summary>The environment variable that turns the isolation off (<c>in-process</c>).</summary>
    public const string IsolationVariable = "COLLAPSE_TRAINING_ISOLATION";

    /// <summary>Whether trainings run in child processes (the default).</summary>
    public static bool Enabled => !string.Equals(Environment.GetEnvironmentVariable(IsolationVariable), "in-process", StringComparison.OrdinalIgnoreCase);

    /// <summary>A runner for the CLI: child processes with <paramref name="threads"/> libtorch threads (0 = default), or in-process when disabled.</summary>
    public static ITrainingRunner Runner(int threads = 0, Action<string>? log = null) => Enabled
        ? new ChildProcessTrainingRunner(args => CollapseExecutable.Locate(null).StartInfo(args, Environment.CurrentDirectory), threads, log)
        : InProcessTrainingRunner.Instance;

    /// <summary>Makes <see cref="Runner"/> the default of <see cref="TrainingRunners"/> (once per process; the claims use it).</summary>
    public static void Install()
    {
        if (Installed) return;
        TrainingRunners.Default = Runner(log: line => Console.Error.WriteLine($"warning: {line}"));
        Installed = true;
    }

    private static bool Installed { get; set; }
}
