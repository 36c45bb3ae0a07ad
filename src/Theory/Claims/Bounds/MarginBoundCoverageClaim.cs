using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>
/// Base of the coverage claims: a (1 − δ) margin bound is violated by the test error (estimated on a large fresh sample)
/// in at most a fraction δ of independent training samples. One trial per case; the trials alternate between two
/// Gaussian-mixture tasks: a separated low-dimensional one (m = trainSize, d = dim), where the bound is informative
/// (&lt; 1), and an overfitting high-dimensional one (m = overfitPerClass·K', d = overfitDim ≫ m/K'), where the class-mean
/// scorer fits the noise (training margin risk ≈ 0, test error near chance): the bound is vacuous there, and the same bound
/// without its complexity term is violated. Each trial's violation has probability ≤ δ whatever its task, so the count is
/// compared with Binomial(T, δ).
/// </summary>
public abstract class MarginBoundCoverageClaim : TheoryClaim
{
    /// <summary>The bound evaluated.</summary>
    protected abstract MarginBoundKind BoundKind { get; }

    /// <summary>The parameters every coverage claim declares.</summary>
    protected static IReadOnlyList<ClaimParameter> CoverageParameters { get; } =
    [
        ClaimParameter.Int("classes", 3, "number of mixture components (classes) K of the separated task", min: 2, max: 1000),
        ClaimParameter.Int("dim", 5, "feature dimension d of the separated task", min: 1, max: 10000),
        ClaimParameter.Real("meanNorm", 4, "norm of the random class means of the separated task", min: 0),
        ClaimParameter.Real("sigma", 1, "standard deviation of the isotropic within-class noise (both tasks)", min: 0),
        ClaimParameter.Real("clip", 3, "noise radius of the clipped separated task (uniform and class-pair bounds need a bounded support; the overfitting task clips at 1.5·σ·√overfitDim)", min: 1e-9),
        ClaimParameter.Int("trainSize", 20000, "training sample size m of each separated trial", min: 2),
        ClaimParameter.Int("testSize", 10000, "fresh samples used to estimate the test error of a separated trial", min: 1),
        ClaimParameter.Real("overfitFraction", 0.4, "fraction of the trials on the overfitting task (spread evenly over the trials; 0 = separated only)", min: 0, max: 1),
        ClaimParameter.Int("overfitClasses", 2, "number of classes K' of the overfitting task", min: 2, max: 1000),
        ClaimParameter.Int("overfitDim", 2000, "feature dimension of the overfitting task", min: 1, max: 100000),
        ClaimParameter.Int("overfitPerClass", 100, "expected training samples per class of the overfitting task", min: 1, max: 100000),
        ClaimParameter.Real("overfitMeanNorm", 1, "norm of the class means of the overfitting task (weak: the test error stays near chance)", min: 0),
        ClaimParameter.Int("overfitTestSize", 1000, "fresh samples used to estimate the test error of an overfitting trial", min: 1),
        ClaimParameter.Real("normBound", 1, "norm B of every classifier row", min: 1e-12),
        ClaimParameter.Real("gamma", 2, "margin γ of the fixed-margin bound", min: 1e-12),
        ClaimParameter.Real("delta", 0.01, "confidence δ: the bound may fail in a fraction δ of the trials", min: 1e-12, max: 0.999999),
        ClaimParameter.Text("testLabels", "iid", "the test sample: iid, from the training distribution (the statement), or shifted, every label y ↦ (y + 1) mod K (broken input, falsifier)", "iid", "shifted"),
        ClaimParameter.Text("complexity", "kept", "the complexity term: kept (the statement) or dropped, the bound with a zero Rademacher complexity (deliberately false variant, falsifier)", "kept", "dropped"),
    ];

    /// <summary>The falsifiers every coverage claim declares.</summary>
    protected static IReadOnlyList<Falsifier> CoverageFalsifiers { get; } =
    [
        Falsifier.Of("test-labels-shifted", "a test sample from another distribution (labels shifted y ↦ y + 1 mod K), which the i.i.d. bound does not cover", ("testLabels", "shifted")),
        Falsifier.Of("complexity-term-dropped", "the bound without its complexity term (Rademacher complexity 0), which an overfitting scorer violates", ("complexity", "dropped")),
    ];

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) =>
        p.Require(p.Int("trainSize") >= p.Int("classes"), "trainSize", "trainSize >= classes");

    /// <summary>Whether trial <paramref name="t"/> runs on the overfitting task: the trials ⌊(t+1)f⌋ &gt; ⌊tf⌋ (evenly spread).</summary>
    public static bool IsOverfitTrial(int t, double fraction) => Math.Floor((t + 1) * fraction) > Math.Floor(t * fraction);

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var clipped = BoundKind != MarginBoundKind.FixedMarginEmpirical;
        var sigma = p.Real("sigma");
        var overDim = p.Int("overfitDim");
        var separated = GaussianMixture.RandomMeans(p.Int("classes"), p.Int("dim"), p.Real("meanNorm"), sigma,
            clipped ? p.Real("clip") : null, context.Seed);
        var overfit = GaussianMixture.RandomMeans(p.Int("overfitClasses"), overDim, p.Real("overfitMeanNorm"), sigma,
            clipped ? 1.5 * Math.Max(sigma, 1e-9) * Math.Sqrt(overDim) : null, unchecked(context.Seed * 31 + 17));
        var settings = new CoverageSettings(BoundKind, p.Int("trainSize"), p.Int("testSize"), p.Real("normBound"), p.Real("delta"), p.Real("gamma"))
        {
            ShiftTestLabels = p.Text("testLabels") == "shifted",
            DropComplexity = p.Text("complexity") == "dropped",
        };
        var overSettings = settings with { TrainSize = p.Int("overfitPerClass") * overfit.Classes, TestSize = p.Int("overfitTestSize") };
        var fraction = p.Real("overfitFraction");
        var trials = new List<CoverageTrial>(context.Cases);
        var overTrials = new List<CoverageTrial>();
        var baseSeed = unchecked(context.Seed * 7919);
        for (var t = 0; t < context.Cases; t++)
        {
            var over = IsOverfitTrial(t, fraction);
            var trial = MarginBoundCoverage.Trial(over ? overfit : separated, over ? overSettings : settings, unchecked(baseSeed + t));
            trials.Add(trial);
            if (over) overTrials.Add(trial);
        }
        var report = new CoverageReport(settings, trials);
        var allowance = ClaimRandom.BinomialAllowance(report.Count, settings.Delta);
        var tolerance = (double)allowance / report.Count - settings.Delta;
        var sepTrials = trials.Except(overTrials).ToList();
        string Regime(string name, List<CoverageTrial> list) => list.Count == 0 ? $"{name}: no trials" :
            $"{name} ({list.Count} trials): {list.Count(x => !x.Slack.Holds)} violations, mean bound {CaseOutcome.F(list.Average(x => x.Bound.Value))}, " +
            $"mean test error {CaseOutcome.F(list.Average(x => x.TestError))}, vacuous (≥ 1) in {list.Count(x => x.Bound.Vacuous)}";
        var outcome = new CaseOutcome(report.Frequency, settings.Delta, report.Frequency - settings.Delta,
            $"bound{(settings.DropComplexity ? " without its complexity term" : "")} violated in {report.Violations}/{report.Count} trials " +
            $"(frequency {CaseOutcome.F(report.Frequency)}, δ = {CaseOutcome.F(settings.Delta)}, allowance {allowance} at binomial tail 1e-6); " +
            $"{Regime($"separated K={separated.Classes} d={separated.Dim} m={settings.TrainSize}", sepTrials)}; " +
            $"{Regime($"overfitting K={overfit.Classes} d={overDim} m={overSettings.TrainSize}", overTrials)}; " +
            $"ratio bound/test error median {CaseOutcome.F(report.MedianRatio)}, min {CaseOutcome.F(report.MinRatio)}");
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
            "P[R(h) > R̂_{S,γ}(h) + (4K/γ)·B·max_i‖h_i‖/√m + 3√(log(2/δ)/2m)] ≤ δ, R(h) estimated on a fresh sample. " +
            "Trials alternate between a separated task (K = 3, d = 5, m = 20000: the bound is informative, < 1) and an overfitting " +
            "task (K' = 2, d = 2000, m ≈ 200: training margin risk ≈ 0, test error ≈ 0.5; the bound is vacuous, and without its " +
            "complexity term it is violated). Falsified when the violation count is improbable (binomial tail < 1e-6) under " +
            "frequency δ. Informative: bound < 1; tightness: test error / bound.",
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
            "√(log log₂(2r/γ)/m) + √(log(2/δ)/2m)] ≤ δ; the check uses the γ on a 64-point grid that minimises the bound. Trials " +
            "alternate between a separated task (informative bound) and an overfitting one (vacuous bound; violated without its " +
            "complexity term), as for margin-bound-coverage. Informative: bound < 1; tightness: test error / bound.",
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
            "√(log(2K(K−1)/δ)/2n_k))] ≤ δ, each γ_kl chosen on a grid to minimise its pair term; trials alternate between a " +
            "separated and an overfitting task as for margin-bound-coverage. Informative: bound < 1; tightness: test error / " +
            "bound. [reconstructed]",
        Source = "[reconstructed] class-pair variant of Gao et al. 2023's margin bound (Thm 4.4 / Rem 4.9 in the reviews), derived from Mohri et al. 2018 Thm 5.9 + 9.2",
        References = ["gao2023", "gao2023reviews", "mohri2018"],
        Parameters = CoverageParameters,
        Falsifiers = CoverageFalsifiers,
    };
}
