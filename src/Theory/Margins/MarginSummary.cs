namespace Collapse.Theory.Margins;

/// <summary>
/// Margin quantities of a classifier on a labelled sample (docs/conventions.md §Margins and loss).
/// </summary>
/// <param name="MinMargin">p_min = min_i q_i.</param>
/// <param name="ClassPair">γ_kl = min_{y_i=k}(z_ik − z_il), K×K, NaN on the diagonal and for empty classes.</param>
/// <param name="NormalizedMargin">p_min / (||W||_F · max_i ||h_i||) (bias-free scale-invariant form).</param>
/// <param name="UfmNormalizedMargin">p_min / (½(||W||_F² + ||H||_F²)) (UFM, logits 2-homogeneous in (W, H)).</param>
/// <param name="SmoothedMargin">γ̃ = −log Σ_i Σ_{j≠y_i} exp(−(z_{i,y_i} − z_ij)) (un-normalized).</param>
/// <param name="NormalizedSmoothedMargin">γ̃ / (||W||_F · max_i ||h_i||).</param>
/// <param name="UfmNormalizedSmoothedMargin">γ̃ / (½(||W||_F² + ||H||_F²)) (Lyu &amp; Li 2020).</param>
public sealed record MarginSummary(
    double MinMargin, double[,] ClassPair, double NormalizedMargin, double UfmNormalizedMargin,
    double SmoothedMargin, double NormalizedSmoothedMargin, double UfmNormalizedSmoothedMargin);
