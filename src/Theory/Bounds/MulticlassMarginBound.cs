namespace Collapse.Theory.Bounds;

/// <summary>
/// Multi-class margin bound with a fixed margin γ (Mohri, Rostamizadeh, Talwalkar, <i>Foundations of ML</i>, 2nd ed.,
/// Thm 9.2, eq. 9.10 and its empirical-complexity form). With probability ≥ 1 − δ over an i.i.d. sample S of size m,
/// for every scoring function h ∈ H ⊆ R^{X×Y}, |Y| = K:
/// <code>
/// R(h) ≤ R̂_{S,γ}(h) + (4K/γ)·𝔑_m(Π₁(H)) + √(log(1/δ) / (2m))                    (expected complexity)
/// R(h) ≤ R̂_{S,γ}(h) + (4K/γ)·𝔑̂_S(Π₁(H)) + 3·√(log(2/δ) / (2m))                  (empirical complexity)
/// </code>
/// with R(h) = P[ρ_h(x, y) ≤ 0] and Π₁(H) = {x ↦ h(x, y) : y ∈ Y, h ∈ H}.
/// </summary>
/// <remarks>
/// The 2023 paper's Thm 4.4 (Gao et al., arXiv 2310.08358) is, according to its reviewers, a bound of this kind; its
/// exact constants are unknown (docs/bounds.md, docs/references.md#gao2023). This class implements Mohri's theorem, not a reconstruction.
/// γ must be fixed before S is drawn; for a margin read off the data use <see cref="UniformMarginBound"/>.
/// </remarks>
public static class MulticlassMarginBound
{
    /// <summary>Source string of the bound.</summary>
    public const string Source = "Mohri, Rostamizadeh, Talwalkar, Foundations of ML, 2nd ed., Thm 9.2";

    /// <summary>Coefficient of the complexity term: 4K/γ.</summary>
    public static double ComplexityCoefficient(int classes, double gamma)
    {
        Require.AtLeast(classes, 2, "classes");
        Require.Positive(gamma, "gamma");
        return 4.0 * classes / gamma;
    }

    /// <summary>Confidence term √(log(1/δ)/(2m)) of eq. 9.10.</summary>
    public static double ConfidenceTerm(double delta, int sampleSize)
    {
        Require.Probability(delta, "delta");
        Require.AtLeast(sampleSize, 1, "sampleSize");
        return Math.Sqrt(Math.Log(1 / delta) / (2.0 * sampleSize));
    }

    /// <summary>
    /// Evaluates eq. 9.10: R̂_{S,γ} + (4K/γ)·𝔑_m(Π₁(H)) + √(log(1/δ)/(2m)). <paramref name="rademacher"/> is the
    /// expected complexity 𝔑_m(Π₁(H)) (e.g. <see cref="LinearRademacher.AnalyticBound(double,double,int)"/> with R a
    /// bound on the support's feature norms).
    /// </summary>
    public static BoundEvaluation Evaluate(double empiricalMarginRisk, int classes, double gamma, double rademacher, int sampleSize, double delta)
    {
        Require.UnitInterval(empiricalMarginRisk, "empiricalMarginRisk");
        Require.NonNegative(rademacher, "rademacher");
        return BoundEvaluation.Sum("multiclassMargin", Source, true,
            new BoundTerm("empiricalMarginRisk", empiricalMarginRisk),
            new BoundTerm("complexity", ComplexityCoefficient(classes, gamma) * rademacher),
            new BoundTerm("confidence", ConfidenceTerm(delta, sampleSize)));
    }

    /// <summary>
    /// Evaluates the empirical-complexity form: R̂_{S,γ} + (4K/γ)·𝔑̂_S(Π₁(H)) + 3√(log(2/δ)/(2m)), where
    /// <paramref name="empiricalRademacher"/> is 𝔑̂_S(Π₁(H)) on the training sample itself (e.g. B·max_i‖h_i‖/√m).
    /// </summary>
    public static BoundEvaluation EvaluateEmpirical(double empiricalMarginRisk, int classes, double gamma, double empiricalRademacher, int sampleSize, double delta)
    {
        Require.UnitInterval(empiricalMarginRisk, "empiricalMarginRisk");
        Require.NonNegative(empiricalRademacher, "empiricalRademacher");
        Require.Probability(delta, "delta");
        Require.AtLeast(sampleSize, 1, "sampleSize");
        return BoundEvaluation.Sum("multiclassMarginEmpirical", Source + " (empirical-complexity form)", true,
            new BoundTerm("empiricalMarginRisk", empiricalMarginRisk),
            new BoundTerm("complexity", ComplexityCoefficient(classes, gamma) * empiricalRademacher),
            new BoundTerm("confidence", 3.0 * Math.Sqrt(Math.Log(2 / delta) / (2.0 * sampleSize))));
    }
}
