namespace Collapse.Reports.Runs;

/// <summary>Everything the run report shows of one run folder.</summary>
/// <param name="Label">Short unique name of the run in the report (legends, headings).</param>
/// <param name="Folder">The run folder as given.</param>
/// <param name="Epochs">The per-epoch table (<c>epochs.csv</c>).</param>
/// <param name="Gamma">γ_kl of the last epoch in <c>gamma.csv</c>, or null when the folder has none.</param>
/// <param name="Claims">Verdicts from <c>claims.csv</c>, or null when the folder has none.</param>
/// <param name="Metadata">Key → value from <c>run.json</c> / <c>manifest.json</c>.</param>
public sealed record RunData(
    string Label, string Folder, RunEpochs Epochs, GammaMatrix? Gamma, IReadOnlyList<RunClaim>? Claims,
    IReadOnlyList<KeyValuePair<string, string>> Metadata)
{
    /// <summary>The TPT start t₀ (first epoch with 100% train accuracy), or null.</summary>
    public int? TptStart => Epochs.TptStart;
}
