using Collapse.Theory.Etf;
using Collapse.Theory.Svm;

namespace Collapse.Theory.Claims.Svm;

/// <summary>For features collapsed onto an ETF the SVM is the scaled ETF, with the same margin for every alignment.</summary>
public sealed class SvmEtfClosedFormClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("svm-of-collapsed-features-is-etf", ClaimKind.Identity)
    {
        Title = "SVM of ETF-collapsed features is W = (K−1)/(cK)·M with margin c√K/(K−1), for every alignment",
        Statement =
            "With h_i = c·m_{y_i}, M = π(M₀Rᵀ) a permuted and rotated simplex ETF: the SVM solution is ((K−1)/(cK))·M and its margin " +
            "1/‖W‖_F = c√K/(K−1) is the same for every π and R. Measured: relative distance ‖W − αM‖/‖αM‖ and relative margin error.",
        Source = "Derived (docs/svm.md closed form); Gao et al. 2023, abstract: equal train-side optimum for all alignments [reconstructed]",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 8, "largest number of classes K drawn", min: 2, max: 50),
            ClaimParameter.Real("kFactorPower", 1, "W = ((K−1)/K)^kFactorPower/c · M: 1 = the statement; 0 drops (K−1)/K (deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("k-factor-dropped", "W = M/c instead of ((K−1)/(cK))·M (and the margin that goes with it)", ("kFactorPower", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var power = p.Real("kFactorPower");
        return RunCases(p, context, 1e-8, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(4);
            var c = ClaimRandom.LogUniform(rng, 0.1, 10);
            var per = 1 + rng.Next(3);
            var pi = Permutations.Random(k, rng.Next());
            var m = SimplexEtf.Permute(SimplexEtf.Rotate(SimplexEtf.Random(k, d, rng.Next()), RandomOrthogonal.Haar(d, rng)), pi);
            var n = k * per;
            var x = new double[n * d];
            var y = new int[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = i % k;
                for (var j = 0; j < d; j++) x[i * d + j] = c * m[y[i], j];
            }
            var sol = MulticlassSvm.Solve(x, y, k);
            var alpha = power == 1 ? (k - 1) / (c * k) : Math.Pow((k - 1.0) / k, power) / c;
            var dist = (sol.W - alpha * m).FrobeniusNorm() / (alpha * m.FrobeniusNorm());
            var margin = power == 1 ? c * Math.Sqrt(k) / (k - 1) : 1 / (alpha * Math.Sqrt(k));
            var err = Math.Max(dist, Math.Abs(sol.Certificate.Margin - margin) / margin);
            return CaseOutcome.Equal(err, 0, $"K={k} d={d} c={CaseOutcome.F(c)} π=[{string.Join(",", pi)}]: ‖W − αM‖/‖αM‖ = {CaseOutcome.F(dist)}, margin "
                + $"{CaseOutcome.F(sol.Certificate.Margin)} vs {CaseOutcome.F(margin)}");
        });
    }
}
