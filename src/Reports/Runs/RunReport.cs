using Collapse.Reports.Model;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// The report of one or more training runs (<c>collapse report --run DIR …</c>): the runs, the per-epoch panels
/// (<see cref="RunPanels"/>), the γ_kl heat map of each run's last epoch, each run's claim verdicts and metadata, and
/// the environment that drew it. Rendered by <see cref="RunHtmlRenderer"/>, <see cref="RunMarkdownRenderer"/> and
/// <see cref="RunJsonRenderer"/>; written by <see cref="RunReportWriter"/>.
/// </summary>
/// <param name="Title">Report title.</param>
/// <param name="Runs">The runs, in the order given.</param>
/// <param name="Panels">One plot per panel with data (several runs overlaid).</param>
/// <param name="PanelKeys">The <see cref="RunPanels.Panel.Key"/> of each plot.</param>
/// <param name="OmittedPanels">Panels left out because no run has their columns.</param>
/// <param name="Heatmaps">One heat map per run with a gamma.csv.</param>
/// <param name="Environment">Versions, commit, machine and command line.</param>
public sealed record RunReport(
    string Title, IReadOnlyList<RunData> Runs, IReadOnlyList<PlotSpec> Panels, IReadOnlyList<string> PanelKeys,
    IReadOnlyList<string> OmittedPanels, IReadOnlyList<GammaHeatmap> Heatmaps, ReportEnvironment Environment)
{
    /// <summary>True when a run's claims.csv contains a falsified claim (the CLI then exits 1).</summary>
    public bool AnyClaimFails => Runs.Any(r => r.Claims?.Any(c => c.Verdict == Verdict.Fails) == true);

    /// <summary>Builds the report of <paramref name="runs"/> (at least one).</summary>
    public static RunReport Build(IReadOnlyList<RunData> runs, ReportEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(environment);
        if (runs.Count == 0) throw new ArgumentException("at least one run", nameof(runs));
        var panels = RunPanels.Build(runs);
        var heatmaps = runs.Select(r => GammaHeatmap.Of(r, withLabel: runs.Count > 1)).OfType<GammaHeatmap>().ToList();
        var title = runs.Count == 1 ? $"Training run {runs[0].Label}" : $"Training runs: {string.Join(", ", runs.Select(r => r.Label))}";
        return new RunReport(title, runs, panels.Plots, panels.Keys, panels.Omitted, heatmaps, environment);
    }

    /// <summary>
    /// Verdict counts over every run's claims.csv, e.g. "3 claims: 1 holds, 0 fail, 2 inconclusive", or "no claims.csv".
    /// </summary>
    public static string ClaimSummary(IReadOnlyList<RunClaim>? claims)
    {
        if (claims is null) return "no claims.csv";
        int holds = claims.Count(c => c.Verdict == Verdict.Holds), fails = claims.Count(c => c.Verdict == Verdict.Fails);
        return new ReportSummary(claims.Count, holds, fails, claims.Count - holds - fails).ToString();
    }
}
