using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Execution;

/// <summary>How many runs of a sweep are done, failed and unfinished, read from their status files.</summary>
/// <param name="Runs">Runs in the plan.</param>
/// <param name="Done">Runs with a result.</param>
/// <param name="Failed">Runs that failed.</param>
public sealed record SweepCounts(int Runs, int Done, int Failed)
{
    /// <summary>Runs without a status.</summary>
    public int Unfinished => Runs - Done - Failed;

    /// <summary>True when every run is done.</summary>
    public bool AllDone => Done == Runs;

    /// <summary>Counts the states of <paramref name="plan"/>'s runs now.</summary>
    public static SweepCounts Of(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int done = 0, failed = 0;
        foreach (var run in plan.Runs)
        {
            switch (RunStatus.StateOf(plan.RunDir(run)))
            {
                case RunState.Done: done++; break;
                case RunState.Failed: failed++; break;
            }
        }
        return new SweepCounts(plan.Runs.Count, done, failed);
    }
}
