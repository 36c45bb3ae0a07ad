using Collapse.Theory.Claims;
using Collapse.Ufm.Claims;

namespace Collapse.Ufm.Simulation;

/// <summary>A finished (or interrupted) run written to its output folder.</summary>
/// <param name="Result">The run.</param>
/// <param name="Claims">Verdicts of the trajectory claims whose assumptions the run meets (<see cref="UfmClaims.ForRun"/>).</param>
/// <param name="OutputDirectory">The folder holding trajectory.csv, summary.json, W.npy, H.npy, b.npy, labels.npy.</param>
/// <param name="SummaryJson">The text of summary.json.</param>
public sealed record UfmRunReport(UfmResult Result, IReadOnlyList<ClaimResult> Claims, string OutputDirectory, string SummaryJson)
{
    /// <summary>
    /// For a diverged run, "run diverged at step T (loss …, ‖W‖ …, ‖H‖ …); last finite state kept in DIR/ (step T−1:
    /// trajectory.csv, …); η = … is above the stable limit …": what diverged, which files in the output folder hold the
    /// last finite state (a checkpoint only if one exists there), and which step size would have been stable. Null when
    /// the run did not diverge.
    /// </summary>
    public string? DivergenceMessage()
    {
        if (Result.Divergence is not { } divergence) return null;
        var dir = OutputDirectory.EndsWith(Path.DirectorySeparatorChar) ? OutputDirectory : OutputDirectory + Path.DirectorySeparatorChar;
        var files = new List<string> { "trajectory.csv", "summary.json", "W.npy", "H.npy" };
        if (Result.B is not null) files.Add("b.npy");
        if (File.Exists(Path.Combine(OutputDirectory, UfmRunner.CheckpointFile))) files.Add($"{UfmRunner.CheckpointFile} (last checkpoint before the divergence)");
        return $"{divergence.What}; last finite state kept in {dir} (step {divergence.LastFiniteStep}: {string.Join(", ", files)}); {divergence.Advice}";
    }
}
