using Collapse.Theory.Etf;
using Collapse.Theory.Svm;

namespace Collapse.Theory.Claims.Svm;

/// <summary>For features collapsed onto an ETF the SVM is the scaled ETF, with the same margin for every alignment.</summary>
public sealed class SvmEtfClosedFormClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "svm-of-collapsed-features-is-etf";
    /// <inheritdoc />
    public override string Title => "SVM of ETF-collapsed features is W = (K−1)/(cK)·M with margin c√K/(K−1), for every alignment";
    /// <inheritdoc />
    public override string Source => "Derived (docs/svm.md closed form); Gao et al. 2023 abstract: equal train-side optimum for all alignments [R: P4]";
    /// <inheritdoc />
    public override string Statement =>
        "With h_i = c·m_{y_i}, M = π(M₀Rᵀ) a permuted and rotated simplex ETF: the SVM solution is ((K−1)/(cK))·M and its margin " +
        "1/‖W‖_F = c√K/(K−1) is the same for every π and R. Measured: relative distance ‖W − αM‖/‖αM‖ and relative margin error.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 8));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 1e-8, seed =>
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
            var alpha = (k - 1) / (c * k);
            var dist = (sol.W - alpha * m).FrobeniusNorm() / (alpha * m.FrobeniusNorm());
            var margin = c * Math.Sqrt(k) / (k - 1);
            var err = Math.Max(dist, Math.Abs(sol.Certificate.Margin - margin) / margin);
            return CaseOutcome.Equal(err, 0, $"K={k} d={d} c={CaseOutcome.F(c)} π=[{string.Join(",", pi)}]: ‖W − αM‖/‖αM‖ = {CaseOutcome.F(dist)}, margin {CaseOutcome.F(sol.Certificate.Margin)} vs {CaseOutcome.F(margin)}");
        });
    }
}
