namespace Collapse.Theory.Claims;

/// <summary>
/// A claim's result together with what a report shows beside it: plots of the curves behind the verdict and, when
/// the claim fails, the falsifying instance written out in full. Returned by <see cref="IClaim.CheckWithEvidence"/>.
/// </summary>
/// <param name="Result">The structured verdict (what <c>claim.Check(context)</c> returns).</param>
public sealed record ClaimEvidence(ClaimResult Result)
{
    /// <summary>Plots (loss vs step, margins, fitted rates, …); empty unless set.</summary>
    public IReadOnlyList<PlotSpec> Plots { get; init; } = [];

    /// <summary>
    /// The falsifying instance in full (matrices, labels, the violated inequality with both sides), multi-line
    /// plain text; null when the claim holds or there is nothing beyond <see cref="ClaimResult.Detail"/>.
    /// </summary>
    public string? FalsifyingInstance { get; init; }

    /// <summary>A result without plots or falsifying instance (so a check may return its <see cref="ClaimResult"/> directly).</summary>
    public static implicit operator ClaimEvidence(ClaimResult result) => new(result);
}
