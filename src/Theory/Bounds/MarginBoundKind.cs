namespace Collapse.Theory.Bounds;

/// <summary>Which margin bound a coverage experiment evaluates.</summary>
public enum MarginBoundKind
{
    /// <summary><see cref="MulticlassMarginBound.EvaluateEmpirical"/> at a fixed γ with 𝔑̂_S ≤ B·max‖h_i‖/√m (valid for unbounded features).</summary>
    FixedMarginEmpirical,
    /// <summary><see cref="UniformMarginBound"/> minimised over a γ grid in (0, r], r = 2·B·R (needs a clipped mixture).</summary>
    UniformMargin,
    /// <summary><see cref="ClassPairMarginBound"/> with each γ_kl minimised over the same grid (needs a clipped mixture).</summary>
    ClassPair,
}
