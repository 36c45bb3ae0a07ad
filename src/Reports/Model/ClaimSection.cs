using Collapse.Theory.Claims;

namespace Collapse.Reports.Model;

/// <summary>
/// One claim's section of a report: the claim's metadata, its structured result, and what the claim attached
/// (plots, falsifying instance) or what went wrong while checking it.
/// </summary>
/// <param name="Id">Claim id (<see cref="ClaimInfo.Id"/>).</param>
/// <param name="Title">Short title.</param>
/// <param name="Source">Paper and theorem.</param>
/// <param name="Statement">The exact statement checked.</param>
/// <param name="Kind">Identity, inequality, asymptotic, empirical or definition.</param>
/// <param name="Result">The verdict with measured/expected values, tolerance and replay seed.</param>
public sealed record ClaimSection(string Id, string Title, string Source, string Statement, ClaimKind Kind, ClaimResult Result)
{
    /// <summary>The claim's full declaration (references, parameters, falsifiers); null for sections built without one.</summary>
    public ClaimInfo? Info { get; init; }

    /// <summary>Plots attached by the claim (<see cref="IClaim.CheckWithEvidence"/>); empty otherwise.</summary>
    public IReadOnlyList<PlotSpec> Plots { get; init; } = [];

    /// <summary>Falsify mode: the claim's falsifiers with their outcomes (empty in a normal report).</summary>
    public IReadOnlyList<FalsifierRun> FalsifierRuns { get; init; } = [];

    /// <summary>The falsifying instance in full, when the claim supplied one.</summary>
    public string? FalsifyingInstance { get; init; }

    /// <summary>The exception text when the check itself threw (the verdict is then Inconclusive).</summary>
    public string? Error { get; init; }

    /// <summary>Command line that replays exactly this check.</summary>
    public string Replay { get; init; } = "";

    /// <summary>Wall time of the check in seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Verdict shortcut.</summary>
    public Verdict Verdict => Result.Verdict;

    /// <summary>HTML/Markdown anchor of the section (<c>claim-</c> + id).</summary>
    public string Anchor => "claim-" + Id;
}
