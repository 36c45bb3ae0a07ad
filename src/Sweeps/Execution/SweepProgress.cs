namespace Collapse.Sweeps.Execution;

/// <summary>Progress of a local sweep, reported after every finished run.</summary>
/// <param name="Total">Runs in the plan.</param>
/// <param name="ToRun">Runs this executor set out to run (the unfinished ones).</param>
/// <param name="Finished">Of those, how many have finished so far (done or failed).</param>
/// <param name="Failed">Of those, how many failed.</param>
/// <param name="Last">The run that just finished.</param>
public sealed record SweepProgress(int Total, int ToRun, int Finished, int Failed, RunOutcome Last);
