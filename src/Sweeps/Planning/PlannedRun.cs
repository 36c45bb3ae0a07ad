namespace Collapse.Sweeps.Planning;

/// <summary>One run of a plan: its position in the grid (the Slurm array index) and its configuration.</summary>
/// <param name="Index">0-based position in the grid (first axis outermost, seeds innermost).</param>
/// <param name="Config">The resolved configuration; <see cref="RunConfig.Id"/> names the run folder.</param>
public sealed record PlannedRun(int Index, RunConfig Config)
{
    /// <summary>The run id (hash of the configuration).</summary>
    public string Id => Config.Id;
}
