using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Execution;

/// <summary>What executing one run came to.</summary>
/// <param name="Run">The run.</param>
/// <param name="Status">Its status after the attempt; null when it did not finish (killed, cancelled).</param>
/// <param name="Skipped">True when it was already done and nothing was executed.</param>
public sealed record RunOutcome(PlannedRun Run, RunStatus? Status, bool Skipped)
{
    /// <summary>The run's state after the attempt.</summary>
    public RunState State => Status?.State ?? RunState.Pending;
}
