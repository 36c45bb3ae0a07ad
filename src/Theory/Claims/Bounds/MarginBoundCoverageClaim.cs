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

    /// <summary>The parameters every coverage claim declares.</summary>
    protected static IReadOnlyList<ClaimParameter> CoverageParameters { get; } =
    [
        ClaimParameter.Int("classes", 3, "number of mixture components (classes) K", min: 2, max: 1000),
        ClaimParameter.Int("dim", 5, "feature dimension d", min: 1, max: 10000),
        ClaimParameter.Real("meanNorm", 4, "norm of the random class means", min: 0),
        ClaimParameter.Real("sigma", 1, "standard deviation of the isotropic within-class noise", min: 0),
        ClaimParameter.Real("clip", 3, "noise radius of the clipped mixture (uniform and class-pair bounds need a bounded support)", min: 1e-9),
        ClaimParameter.Int("trainSize", 20000, "training sample size m of each trial", min: 2),
        ClaimParameter.Int("testSize", 10000, "fresh samples used to estimate the test error", min: 1),
        ClaimParameter.Real("normBound", 1, "norm B of every classifier row", min: 1e-12),
        ClaimParameter.Real("gamma", 2, "margin γ of the fixed-margin bound", min: 1e-12),
        ClaimParameter.Real("delta", 0.1, "confidence δ: the bound may fail in a fraction δ of the trials", min: 1e-12, max: 0.999999),
        ClaimParameter.Text("testLabels", "iid", "the test sample: iid, from the training distribution (the statement), or shifted, every label y ↦ (y + 1) mod K (broken input, "
            + "falsifier)", "iid", "shifted"),
    ];

    /// <summary>The falsifiers every coverage claim declares.</summary>
    protected static IReadOnlyList<Falsifier> CoverageFalsifiers { get; } =
    [
        Falsifier.Of("test-labels-shifted", "a test sample from another distribution (labels shifted y ↦ y + 1 mod K), which the i.i.d. bound does not cover", ("testLabels", "shifted")),
    ];

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) =>
        p.Require(p.Int("trainSize") >= p.Int("classes"), "trainSize", "trainSize >= classes");

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var k = p.Int("classes");
        var d = p.Int("dim");
        var clip = p.Real("clip");
        var task = GaussianMixture.RandomMeans(k, d, p.Real("meanNorm"), p.Real("sigma"),
            BoundKind == MarginBoundKind.FixedMarginEmpirical ? null : clip, context.Seed);
        var settings = new CoverageSettings(BoundKind, p.Int("trainSize"), p.Int("testSize"),
            p.Real("normBound"), p.Real("delta"), p.Real("gamma")) { ShiftTestLabels = p.Text("testLabels") == "shifted" };
        var report = MarginBoundCoverage.Run(task, settings, context.Cases, unchecked(context.Seed * 7919));
        var allowance = ClaimRandom.BinomialAllowance(report.Count, settings.Delta);
        var tolerance = (double)allowance / report.Count - settings.Delta;
        var outcome = new CaseOutcome(report.Frequency, settings.Delta, report.Frequency - settings.Delta,
            $"bound violated in {report.Violations}/{report.Count} trials (frequency {CaseOutcome.F(report.Frequency)}, δ = {CaseOutcome.F(settings.Delta)}, " +
            $"allowance {allowance} at binomial tail 1e-6); mean bound {CaseOutcome.F(report.MeanBound)}, mean test error {CaseOutcome.F(report.MeanTestError)}, " +
            $"ratio bound/test error median {CaseOutcome.F(report.MedianRatio)}, min {CaseOutcome.F(report.MinRatio)}, vacuous (≥ 1) in {CaseOutcome.F(100 * report.VacuousFraction)}% of trials");
        var stats = new CaseStatistics(report.Count, 0, report.Trials.Count(t => !t.Bound.Vacuous),
            CaseStatistics.Median(report.Trials.Select(t => t.TestError / t.Bound.Value)),
            CaseStatistics.Median(report.Trials.Select(t => t.Bound.Value - t.TestError)));
        return Aggregate(p, context, outcome, tolerance, stats);
    }
}

/// <summary>Coverage of Mohri et al. 2018, Thm 9.2 (empirical-complexity form, fixed γ) on a Gaussian mixture.</summary>
public sealed class FixedMarginBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.FixedMarginEmpirical;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-bound-coverage", ClaimKind.Inequality)
    {
        Title = "Multi-class margin bound (fixed γ) holds with probability ≥ 1 − δ on a Gaussian mixture",
        Statement =
            "Over independent samples S of size m from a K-class Gaussian mixture, with w_k = B·(μ̂_k − μ̂_G)/‖·‖: " +
            "P[R(h) > R̂_{S,γ}(h) + (4K/γ)·B·max_i‖h_i‖/√m + 3√(log(2/δ)/2m)] ≤ δ, R(h) estimated on testSize fresh samples. " +
            "Falsified when the violation count is improbable (binomial tail < 1e-6) under frequency δ.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., Thm 9.2 (empirical-complexity form)",
        References = ["mohri2018"],
        Parameters = CoverageParameters,
        Falsifiers = CoverageFalsifiers,
    };
}

/// <summary>Coverage of the uniform-in-γ multi-class bound, γ chosen on the data (grid minimum).</summary>
public sealed class UniformMarginBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.UniformMargin;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("uniform-margin-bound-coverage", ClaimKind.Inequality)
    {
        Title = "Uniform-in-γ multi-class margin bound holds with probability ≥ 1 − δ with γ read off the data",
        Statement =
            "On a clipped Gaussian mixture (support radius R = max‖μ_k‖ + clip, r = 2BR): P[∃γ ∈ (0, r]: R(h) > R̂_{S,γ} + (8K/γ)·BR/√m + " +
            "√(log log₂(2r/γ)/m) + √(log(2/δ)/2m)] ≤ δ; the check uses the γ on a 64-point grid that minimises the bound.",
        Source = "Mohri et al. 2018, Foundations of Machine Learning, 2nd ed., Thm 5.9 + Thm 9.2 (constant 8K derived here); the template of Gao et al. 2023's margin bound [reconstructed]",
        References = ["mohri2018", "gao2023"],
        Parameters = CoverageParameters,
        Falsifiers = CoverageFalsifiers,
    };
}

/// <summary>Coverage of the class-pair bound [reconstructed] with each γ_kl chosen on the data.</summary>
public sealed class ClassPairBoundCoverageClaim : MarginBoundCoverageClaim
{
    /// <inheritdoc />
    protected override MarginBoundKind BoundKind => MarginBoundKind.ClassPair;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("class-pair-bound-coverage", ClaimKind.Inequality)
    {
        Title = "Class-pair margin bound holds with probability ≥ 1 − δ",
        Statement =
            "On a clipped Gaussian mixture: P[R(h) > Σ_k p_k Σ_{l≠k}(R̂_{k,γ_kl} + (8/γ_kl)·B·R_k/√n_k + √(log log₂(2r/γ_kl)/n_k) + " +
            "√(log(2K(K−1)/δ)/2n_k))] ≤ δ, each γ_kl chosen on a grid to minimise its pair term. [reconstructed]",
        Source = "[reconstructed] class-pair variant of Gao et al. 2023's margin bound (Thm 4.4 / Rem 4.9 in the reviews), derived from Mohri et al. 2018 Thm 5.9 + 9.2",
        References = ["gao2023", "gao2023reviews", "mohri2018"],
        Parameters = CoverageParameters,
        Falsifiers = CoverageFalsifiers,
    };
}
