using Collapse.LeSde.Analysis;
using Collapse.LeSde.Model;
using Collapse.LeSde.Simulation;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Output;

/// <summary>A finished LE-SDE run written to its output folder.</summary>
/// <param name="Config">The model.</param>
/// <param name="Trajectory">One snapshot per logged time.</param>
/// <param name="Plots">Plots of the trajectory (rendered by the caller, e.g. Collapse.Reports).</param>
/// <param name="OutputDirectory">The folder holding trajectory.csv and summary.json.</param>
/// <param name="SummaryJson">The text of summary.json.</param>
/// <param name="ElapsedSeconds">Wall time of the simulation and its measurements.</param>
public sealed record LeSdeRunReport(LeSdeConfig Config, IReadOnlyList<LeSdeSnapshot> Trajectory, IReadOnlyList<PlotSpec> Plots,
    string OutputDirectory, string SummaryJson, double ElapsedSeconds)
{
    /// <summary>The last snapshot (at the horizon, or at the last finite step after a divergence).</summary>
    public LeSdeSnapshot Final => Trajectory[^1];

    /// <summary>Where the run diverged; null when it reached the horizon.</summary>
    public LeSdeDivergence? Divergence { get; init; }
}
