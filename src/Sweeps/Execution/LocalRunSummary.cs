namespace Collapse.Sweeps.Execution;

/// <summary>What a local sweep execution did.</summary>
/// <param name="Planned">Runs in the plan.</param>
/// <param name="AlreadyDone">Runs found done and skipped.</param>
/// <param name="SkippedFailed">Runs found failed and left alone (without <c>--retry-failed</c>).</param>
/// <param name="Ran">Runs executed now.</param>
/// <param name="Done">Of those, how many finished with a result.</param>
/// <param name="Failed">Of those, how many failed.</param>
/// <param name="Unfinished">Runs still without a status (the execution was cancelled, or a run was killed).</param>
/// <param name="WallSeconds">Wall-clock seconds of the whole execution.</param>
public sealed record LocalRunSummary(int Planned, int AlreadyDone, int SkippedFailed, int Ran, int Done, int Failed, int Unfinished, double WallSeconds)
{
    /// <summary>True when every run of the plan is done.</summary>
    public bool AllDone => AlreadyDone + Done == Planned;
}
