using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// The one rule for which runs of a sweep still have to run, used by the local executor and the Slurm submission
/// alike: a run without a status is pending; a done run never reruns; a failed run reruns only with
/// <c>retryFailed</c> (<c>--retry-failed</c>).
/// </summary>
/// <param name="ToRun">The runs to execute, in grid order.</param>
/// <param name="AlreadyDone">Runs found done.</param>
/// <param name="SkippedFailed">Runs found failed and left alone (0 with <c>retryFailed</c>).</param>
public sealed record PendingRuns(IReadOnlyList<PlannedRun> ToRun, int AlreadyDone, int SkippedFailed)
{
    /// <summary>True when a run in <paramref name="state"/> is to run again.</summary>
    public static bool IsPending(RunState state, bool retryFailed) => state switch
    {
        RunState.Done => false,
        RunState.Failed => retryFailed,
        _ => true,
    };

    /// <summary>Reads every run's status in <paramref name="plan"/> and applies the rule.</summary>
    public static PendingRuns Of(SweepPlan plan, bool retryFailed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int alreadyDone = 0, skippedFailed = 0;
        var todo = new List<PlannedRun>();
        foreach (var run in plan.Runs)
        {
            var state = RunStatus.StateOf(plan.RunDir(run));
            if (IsPending(state, retryFailed)) todo.Add(run);
            else if (state == RunState.Done) alreadyDone++;
            else skippedFailed++;
        }
        return new PendingRuns(todo, alreadyDone, skippedFailed);
    }
}
