namespace Collapse.Theory.Bounds;

/// <summary>
/// Multi-class margin bound holding uniformly over γ ∈ (0, r], so that γ may be read off the data (e.g. γ = p_min).
/// Mohri, Rostamizadeh, Talwalkar, <i>Foundations of ML</i>, 2nd ed., Thm 5.9 (binary, uniform in ρ) combined with
/// Thm 9.2 (multi-class). With probability ≥ 1 − δ, for all h ∈ H and all γ ∈ (0, r]:
/// <code>
/// R(h) ≤ R̂_{S,γ}(h) + (8K/γ)·𝔑_m(Π₁(H)) + √(log log₂(2r/γ) / m) + √(log(2/δ) / (2m)).
/// </code>
/// </summary>
/// <remarks>
/// Constant [derived here]: Thm 5.9's proof applies the fixed-margin bound at γ_k = r/2^k with deviation
/// ε + √(log k/m), whose failure probabilities exp(−2mε²)/k² sum to ≤ 2·exp(−2mε²) (hence log(2/δ)); for
/// γ ∈ (γ_k, γ_{k−1}] it uses R̂_{S,γ_k} ≤ R̂_{S,γ}, k ≤ log₂(2r/γ) and 1/γ_k ≤ 2/γ. In the binary case this turns 2/γ into 4/γ; applied to the
/// multi-class fixed-margin term (2/γ)·𝔑(H̃) with 𝔑(H̃) ≤ 2K·𝔑(Π₁(H)) (proof of Thm 9.2) it turns 4K/γ into 8K/γ.
/// The log log₂ term is ≥ 0 for γ ≤ r and undefined for γ ≥ 2r, hence the restriction to (0, r].
/// The 2023 paper's Thm 4.4 (Gao et al., arXiv 2310.08358) has this shape according to its reviewers ("for all γ ∈ (0, K]",
/// a log log₂(2K/γ) term); its constants are unknown (docs/bounds.md, docs/references.md#gao2023). Cor 4.5 [reconstructed]:
/// at γ = p_min &gt; 0 the empirical term vanishes and the bound decreases as p_min grows (claim margin-bound-decreases-with-pmin).
/// </remarks>
public static class UniformMarginBound
{
    /// <summary>Source string of the bound.</summary>
    public const string Source = "Mohri et al., Foundations of ML, 2nd ed., Thm 5.9 + Thm 9.2 (multi-class uniform-in-margin form, constant 8K derived); template of Gao et al. 2023 Thm 4.4 [R]";

    /// <summary>Coefficient of the complexity term: 8K/γ.</summary>
    public static double ComplexityCoefficient(int classes, double gamma)
    {
        Require.AtLeast(classes, 2, "classes");
        Require.Positive(gamma, "gamma");
        return 8.0 * classes / gamma;
    }

    /// <summary>Margin-uniformity term √(log log₂(2r/γ)/m), for 0 &lt; γ ≤ r.</summary>
    public static double UniformityTerm(double gamma, double marginRange, int sampleSize)
    {
        Require.Positive(gamma, "gamma");
        Require.Positive(marginRange, "marginRange");
        Require.AtLeast(sampleSize, 1, "sampleSize");
        if (gamma > marginRange)
            throw new InputException($"gamma must be <= marginRange r (got gamma={Require.Fmt(gamma)}, r={Require.Fmt(marginRange)})");
        var loglog = Math.Log(Math.Log2(2 * marginRange / gamma));
        return Math.Sqrt(Math.Max(0.0, loglog) / sampleSize);
    }

    /// <summary>Confidence term √(log(2/δ)/(2m)).</summary>
    public static double ConfidenceTerm(double delta, int sampleSize)
    {
        Require.Probability(delta, "delta");
        Require.AtLeast(sampleSize, 1, "sampleSize");
        return Math.Sqrt(Math.Log(2 / delta) / (2.0 * sampleSize));
    }

    /// <summary>
    /// Evaluates R̂_{S,γ} + (8K/γ)·𝔑_m(Π₁(H)) + √(log log₂(2r/γ)/m) + √(log(2/δ)/(2m)).
    /// <paramref name="marginRange"/> is r, fixed before the sample is drawn (e.g. 2·B·R for linear scorers with
    /// ‖w_y‖ ≤ B on features of norm ≤ R, since then |ρ_h| ≤ 2BR).
    /// </summary>
    public static BoundEvaluation Evaluate(double empiricalMarginRisk, int classes, double gamma, double rademacher, int sampleSize, double delta, double marginRange)
    {
        Require.UnitInterval(empiricalMarginRisk, "empiricalMarginRisk");
        Require.NonNegative(rademacher, "rademacher");
        return BoundEvaluation.Sum("uniformMargin", Source, true,
            new BoundTerm("empiricalMarginRisk", empiricalMarginRisk),
            new BoundTerm("complexity", ComplexityCoefficient(classes, gamma) * rademacher),
            new BoundTerm("marginUniformity", UniformityTerm(gamma, marginRange, sampleSize)),
            new BoundTerm("confidence", ConfidenceTerm(delta, sampleSize)));
    }

    /// <summary>
    /// Cor 4.5 of Gao et al. 2023 [R]: the bound at γ = p_min when every training margin is ≥ p_min &gt; 0, so the
    /// empirical margin risk is 0. Non-increasing in p_min on (0, r] (claim margin-bound-decreases-with-pmin).
    /// </summary>
    public static BoundEvaluation AtMinimumMargin(double minMargin, int classes, double rademacher, int sampleSize, double delta, double marginRange)
        => Evaluate(0.0, classes, minMargin, rademacher, sampleSize, delta, marginRange);
}
