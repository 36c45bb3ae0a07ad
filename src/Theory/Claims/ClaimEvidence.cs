namespace Collapse.Theory.Claims;

/// <summary>
/// A claim's result together with what a report shows beside it: plots of the curves behind the verdict and, when
/// the claim fails, the falsifying instance written out in full. Returned by <see cref="IClaimWithEvidence"/>.
/// </summary>
/// <param name="Result">The structured verdict (the same one <see cref="IClaim.Check"/> returns).</param>
public sealed record ClaimEvidence(ClaimResult Result)
{
    /// <summary>Plots (loss vs step, margins, fitted rates, …); empty unless set.</summary>
    public IReadOnlyList<PlotSpec> Plots { get; init; } = [];

    /// <summary>
    /// The falsifying instance in full (matrices, labels, the violated inequality with both sides), multi-line
    /// plain text; null when the claim holds or there is nothing beyond <see cref="ClaimResult.Detail"/>.
    /// </summary>
    public string? FalsifyingInstance { get; init; }
}
