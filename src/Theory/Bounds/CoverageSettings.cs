namespace Collapse.Theory.Bounds;

/// <summary>Settings of a margin-bound coverage experiment (<see cref="MarginBoundCoverage"/>).</summary>
/// <param name="Kind">Bound evaluated.</param>
/// <param name="TrainSize">m, the training sample size.</param>
/// <param name="TestSize">Size of the fresh sample on which the test error is estimated.</param>
/// <param name="NormBound">B: every classifier row has ‖w_k‖ = B (the hypothesis class is ‖w_k‖ ≤ B).</param>
/// <param name="Delta">δ of the bound.</param>
/// <param name="Gamma">γ for <see cref="MarginBoundKind.FixedMarginEmpirical"/> (fixed before sampling); ignored otherwise.</param>
public sealed record CoverageSettings(MarginBoundKind Kind, int TrainSize, int TestSize, double NormBound, double Delta, double Gamma)
{
    /// <summary>
    /// Negative control: relabel every test sample y ↦ (y + 1) mod K, so the test sample no longer comes from the
    /// training distribution and a valid bound is violated in nearly every trial. False by default.
    /// </summary>
    public bool ShiftTestLabels { get; init; }

    /// <summary>
    /// Negative control: evaluate the bound with a zero Rademacher complexity (the complexity term dropped; the uniform
    /// bounds then choose γ on the grid without it). Not a valid bound: a scorer that overfits its training sample
    /// violates it. False by default.
    /// </summary>
    public bool DropComplexity { get; init; }
}
