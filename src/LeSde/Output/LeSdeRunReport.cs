using System.Globalization;
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

    /// <summary>
    /// For a diverged run, "run diverged at step T (t = …, ‖F̃‖ …); last finite state kept in DIR/ (step T−1, t = …:
    /// trajectory.csv, summary.json, plots/); the drift grows F̄ like … : lower --alpha/--beta …" (plots/ only when
    /// <paramref name="plots"/> &gt; 0 were written); null when the run reached the horizon.
    /// </summary>
    public string? DivergenceMessage(int plots)
    {
        if (Divergence is not { } divergence) return null;
        var dir = OutputDirectory.EndsWith(Path.DirectorySeparatorChar) ? OutputDirectory : OutputDirectory + Path.DirectorySeparatorChar;
        var files = plots > 0 ? "trajectory.csv, summary.json, plots/" : "trajectory.csv, summary.json";
        var t = Final.Time.ToString("G4", CultureInfo.InvariantCulture);
        return $"{divergence.What}; last finite state kept in {dir} (step {divergence.LastFiniteStep}, t = {t}: {files}); {divergence.Advice}";
    }
}
