using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>
/// Base of the coverage claims: on a synthetic Gaussian mixture, a (1 − δ) margin bound is violated by the test error
/// (estimated on a large fresh sample) in at most a fraction δ of independent training samples. One trial per case.
/// </summary>
public abstract class MarginBoundCoverageClaim : TheoryClaim
{
    /// <summary>The bound evaluated.</summary>
    protected abstract MarginBoundKind BoundKind { get; }

    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(
        ("classes", 3), ("dim", 5), ("meanNorm", 4), ("sigma", 1), ("clip", 3), ("trainSize", 20000), ("testSize", 10000),
        ("normBound", 1), ("gamma", 2), ("delta", 0.1));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var k = context.GetInt(this, "classes");
        var d = context.GetInt(this, "dim");
        var clip = context.GetDouble(this, "clip");
        var task = GaussianMixture.RandomMeans(k, d, context.GetDouble(this, "meanNorm"), context.GetDouble(this, "sigma"),
            BoundKind == MarginBoundKind.FixedMarginEmpirical ? null : clip, context.Seed);
        var settings = new CoverageSettings(BoundKind, context.GetInt(this, "trainSize"), context.GetInt(this, "testSize"),
            context.GetDouble(this, "normBound"), context.GetDouble(this, "delta"), context.GetDouble(this, "gamma"));
        Effective(context);
        var report = MarginBoundCoverage.Run(task, settings, context.Cases, unchecked(context.Seed * 7919));
        var allowance = ClaimRandom.BinomialAllowance(report.Count, settings.Delta);
        var tolerance = (double)allowance / report.Count - settings.Delta;
        var outcome = new CaseOutcome(report.Frequency, settings.Delta, report.Frequency - settings.Delta,
            $"bound violated in {report.Violations}/{report.Count} trials (frequency {CaseOutcome.F(report.Frequency)}, δ = {CaseOutcome.F(settings.Delta)}, " +
            $"allowance {allowance} at binomial tail 1e-6); mean bound {CaseOutcome.F(report.MeanBound)}, mean test error {CaseOutcome.F(report.MeanTestError)}, " +
            $"ratio bound/test error median {CaseOutcome.F(report.MedianRatio)}, min {CaseOutcome.F(report.MinRatio)}, vacuous (≥ 1) in {CaseOutcome.F(100 * report.VacuousFraction)}% of trials");
        return Aggregate(context, outcome, tolerance);
    }
}

/// <summary>Coverage of Mohri's Thm 9.2 (empirical-complexity form, fixed γ) on a Gaussian mixture.</summary>
public sealed class FixedMarginBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.FixedMarginEmpirical;
    /// <inheritdoc />
    public override string Id => "margin-bound-coverage";
    /// <inheritdoc />
    public override string Title => "Multi-class margin bound (fixed γ) holds with probability ≥ 1 − δ on a Gaussian mixture";
    /// <inheritdoc />
    public override string Source => "Mohri, Rostamizadeh, Talwalkar, Foundations of ML, 2nd ed., Thm 9.2 (empirical-complexity form)";
    /// <inheritdoc />
    public override string Statement =>
        "Over independent samples S of size m from a K-class Gaussian mixture, with w_k = B·(μ̂_k − μ̂_G)/‖·‖: " +
        "P[R(h) > R̂_{S,γ}(h) + (4K/γ)·B·max_i‖h_i‖/√m + 3√(log(2/δ)/2m)] ≤ δ, R(h) estimated on testSize fresh samples. " +
        "Falsified when the violation count is improbable (binomial tail < 1e-6) under frequency δ.";
}

/// <summary>Coverage of the uniform-in-γ multi-class bound, γ chosen on the data (grid minimum).</summary>
public sealed class UniformMarginBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.UniformMargin;
    /// <inheritdoc />
    public override string Id => "uniform-margin-bound-coverage";
    /// <inheritdoc />
    public override string Title => "Uniform-in-γ multi-class margin bound holds with probability ≥ 1 − δ with γ read off the data";
    /// <inheritdoc />
    public override string Source => "Mohri et al., Foundations of ML, 2nd ed., Thm 5.9 + Thm 9.2 (constant 8K derived); Gao et al. 2023 Thm 4.4 template [R]";
    /// <inheritdoc />
    public override string Statement =>
        "On a clipped Gaussian mixture (support radius R = max‖μ_k‖ + clip, r = 2BR): P[∃γ ∈ (0, r]: R(h) > R̂_{S,γ} + (8K/γ)·BR/√m + " +
        "√(log log₂(2r/γ)/m) + √(log(2/δ)/2m)] ≤ δ; the check uses the γ on a 64-point grid that minimises the bound.";
}

/// <summary>Coverage of the class-pair bound [R] with each γ_kl chosen on the data.</summary>
public sealed class ClassPairBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.ClassPair;
    /// <inheritdoc />
    public override string Id => "class-pair-bound-coverage";
    /// <inheritdoc />
    public override string Title => "Class-pair margin bound holds with probability ≥ 1 − δ";
    /// <inheritdoc />
    public override string Source => "[R] class-pair variant of Gao et al. 2023 Thm 4.4 / Rem 4.9, derived from Mohri et al. 2nd ed. Thm 5.9 + 9.2";
    /// <inheritdoc />
    public override string Statement =>
        "On a clipped Gaussian mixture: P[R(h) > Σ_k p_k Σ_{l≠k}(R̂_{k,γ_kl} + (8/γ_kl)·B·R_k/√n_k + √(log log₂(2r/γ_kl)/n_k) + " +
        "√(log(2K(K−1)/δ)/2n_k))] ≤ δ, each γ_kl chosen on a grid to minimise its pair term.";
}
