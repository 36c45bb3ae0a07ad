using Collapse.Theory.Etf;
using Collapse.Theory.Loss;
using Collapse.Theory.Metrics;
using Collapse.Theory.Svm;

namespace Collapse.Theory.Claims.Svm;

/// <summary>At large scale, CE minimisation over unit-norm W is the multi-class SVM.</summary>
public sealed class CeAtScaleIsSvmClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-at-scale-is-svm", ClaimKind.Asymptotic)
    {
        Title = "At logit scale s, no unit-norm W beats the SVM direction's CE by more than a factor e^{O(log(NK))}",
        Statement =
            "Let γ* be the SVM margin (certified) and Ŵ the SVM solution. For every W with ‖W‖_F = 1 and s > 0: " +
            "−(1/s)·log L̄(sW) ≤ γ* + log(N/log 2)/s, while −(1/s)·log L̄(sŴ/‖Ŵ‖) ≥ γ* − log(K−1)/s: as s → ∞ the CE-optimal " +
            "unit direction has margin → γ*. Checked for 100 random and perturbed-SVM W per case, s log-uniform in [1, 1e4]/γ*. " +
            "Measured: largest violation of either inequality relative to max(1, s·γ*).",
        Source = "[reconstructed] Gao et al. 2023's CE ↔ multi-class SVM link in TPT; Soudry et al. 2018",
        References = ["gao2023", "soudry2018"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 5, "largest number of classes K drawn", min: 2, max: 50),
            ClaimParameter.Real("upperTerm", 1, "multiplier of log(N/log 2)/s in the upper inequality: 1 = the statement; 0 drops it (deliberately false variant, falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("upper-term-dropped", "the upper inequality −(1/s)log L̄(sW) ≤ γ* without + log(N/log 2)/s", ("upperTerm", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var upperTerm = p.Real("upperTerm");
        return RunCases(p, context, 1e-9, seed =>
        {
            var rng = new Random(seed);
            var (x, y, k, d, shape) = SvmInstances.Draw(rng, maxK);
            var sol = MulticlassSvm.Solve(x, y, k);
            var gamma = sol.Certificate.MarginUpperBound; // ≥ γ*, makes the upper inequality only easier to meet by ≤ 1e-8 relative
            var gammaLow = sol.Certificate.MarginLowerBound;
            var s = ClaimRandom.LogUniform(rng, 1, 1e4) / gamma;
            var n = y.Length;
            var hat = sol.W / sol.W.FrobeniusNorm();
            var lowerSvm = -LogCe(new Classifier(s * hat), x, y, k, d) / s;
            var worst = (gammaLow - Math.Log(k - 1) / s - lowerSvm) * s / Math.Max(1, s * gamma);
            var where = $"SVM direction: −log L̄/s = {CaseOutcome.F(lowerSvm)} ≥ γ* − log(K−1)/s = {CaseOutcome.F(gammaLow - Math.Log(k - 1) / s)}";
            for (var t = 0; t < 100; t++)
            {
                var g = RandomOrthogonal.Gaussian(k, d, rng);
                var w = t % 2 == 0 ? g : hat + ClaimRandom.LogUniform(rng, 1e-6, 1) / g.FrobeniusNorm() * g;
                w /= w.FrobeniusNorm();
                var value = -LogCe(new Classifier(s * w), x, y, k, d) / s;
                var e = (value - gamma - upperTerm * Math.Log(n / Math.Log(2)) / s) * s / Math.Max(1, s * gamma);
                if (e > worst) { worst = e; where = $"unit W: −log L̄/s = {CaseOutcome.F(value)} vs γ* + log(N/log2)/s = {CaseOutcome.F(gamma + upperTerm * Math.Log(n / Math.Log(2)) / s)}"; }
            }
            return new CaseOutcome(worst, 0, worst, $"{shape} γ* = {CaseOutcome.F(gamma)} s = {CaseOutcome.F(s)}: {where}");
        });
    }

    private static double LogCe(Classifier c, double[] x, int[] y, int k, int d)
    {
        var z = new double[y.Length * k];
        for (var i = 0; i < y.Length; i++) c.Logits(x.AsSpan(i * d, d), z.AsSpan(i * k, k));
        return CrossEntropy.Evaluate(z, y, k).LogMean;
    }
}
