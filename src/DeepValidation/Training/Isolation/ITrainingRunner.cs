using Collapse.DeepValidation.Data;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// Runs a batch of trainings on one data split: in this process (<see cref="InProcessTrainingRunner"/>) or in child
/// <c>collapse</c> processes that a native fault can kill without taking the caller down
/// (<see cref="ChildProcessTrainingRunner"/>). Both give the same results for the same jobs (trainings are
/// deterministic on the CPU for a seed and thread count). Which one the deep claims use is <see cref="TrainingRunners.Default"/>.
/// </summary>
public interface ITrainingRunner
{
    /// <summary>
    /// Trains every job on <paramref name="data"/> in order and returns the results in the same order;
    /// <paramref name="onResult"/> sees each (index, result) as soon as it exists. Throws
    /// <see cref="TrainingCrashedException"/> when a job could not be completed because its process was killed twice.
    /// </summary>
    IReadOnlyList<TrainingResult> TrainAll(DataSplit data, IReadOnlyList<TrainingOptions> jobs, Action<int, TrainingResult>? onResult = null);
}

/// <summary>Trains in the calling process with <see cref="DeepTrainer.Train"/> (a native fault kills the caller).</summary>
public sealed class InProcessTrainingRunner : ITrainingRunner
{
    /// <summary>The shared instance.</summary>
    public static InProcessTrainingRunner Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<TrainingResult> TrainAll(DataSplit data, IReadOnlyList<TrainingOptions> jobs, Action<int, TrainingResult>? onResult = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(jobs);
        var results = new List<TrainingResult>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            var r = DeepTrainer.Train(data, jobs[i]);
            results.Add(r);
            onResult?.Invoke(i, r);
        }
        return results;
    }
}

/// <summary>
/// The runner the deep claims and experiments use when none is passed: <see cref="InProcessTrainingRunner"/> for
/// library callers and tests; the <c>collapse</c> CLI sets a <see cref="ChildProcessTrainingRunner"/> at start-up (set
/// <c>COLLAPSE_TRAINING_ISOLATION=in-process</c> to keep trainings in the CLI's own process).
/// </summary>
public static class TrainingRunners
{
    private static ITrainingRunner _default = InProcessTrainingRunner.Instance;

    /// <summary>The process-wide default runner.</summary>
    public static ITrainingRunner Default
    {
        get => Volatile.Read(ref _default);
        set => Volatile.Write(ref _default, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
