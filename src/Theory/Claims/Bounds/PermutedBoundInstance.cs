using Collapse.Theory.Bounds;
using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>
/// A random input to the permuted bounds (claims permuted-bounds-*, docs/bounds.md §5 and §7): an exact simplex ETF classifier, a class-pair margin matrix
/// (all equal, or heterogeneous), class-specific supports (covering numbers), counts and Rademacher complexities.
/// </summary>
internal sealed record PermutedBoundInstance(
    int K, Matrix<double> Classifier, Matrix<double> Gamma, double Lipschitz, double[] SupportRadius, int InputDim,
    int[] Counts, double[] Priors, double[] ClassRademacher, double MarginRange)
{
    public static PermutedBoundInstance Draw(Random rng, int maxClasses, bool equalMargins, bool equalClasses)
    {
        var k = 2 + rng.Next(maxClasses - 1);
        var d = k - 1 + rng.Next(4);
        var w = ClaimRandom.LogUniform(rng, 0.2, 5) * SimplexEtf.Random(k, d, rng.Next());
        var g0 = ClaimRandom.LogUniform(rng, 0.1, 10);
        var gamma = Matrix<double>.Build.Dense(k, k, (a, b) => a == b ? 0 : equalMargins ? g0 : g0 * ClaimRandom.LogUniform(rng, 0.3, 3));
        var s0 = ClaimRandom.LogUniform(rng, 0.5, 5);
        var n0 = 10 + rng.Next(1000);
        var support = new double[k];
        var counts = new int[k];
        var rad = new double[k];
        for (var c = 0; c < k; c++)
        {
            support[c] = equalClasses ? s0 : ClaimRandom.LogUniform(rng, 0.5, 5);
            counts[c] = equalClasses ? n0 : 10 + rng.Next(1000);
        }
        var total = counts.Sum();
        var priors = counts.Select(n => (double)n / total).ToArray();
        for (var c = 0; c < k; c++) rad[c] = LinearRademacher.AnalyticBound(1.0, support[c], counts[c]);
        return new PermutedBoundInstance(k, w, gamma, ClaimRandom.LogUniform(rng, 0.5, 2), support, 1 + rng.Next(4),
            counts, priors, rad, 2 * gamma.Enumerate().Max());
    }

    public Matrix<double> Radii() => LipschitzMarginTransfer.RadiusMatrix(Gamma, Classifier, Lipschitz);

    public double Covering(int cls, double eps) => CoveringNumbers.Ball(SupportRadius[cls], InputDim, eps);

    /// <summary>Ranges over all K! permutations of the three permuted bounds: paper covering form, expected covering form, class-pair margin bound.</summary>
    public (PermutationRange Paper, PermutationRange Expected, PermutationRange Pair) Sweeps()
    {
        var radii = Radii();
        var n = Counts.Sum();
        var paper = PermutationSweep.Over(K, p => CoveringBound.PaperForm(radii, Covering, n, p).Value);
        var expected = PermutationSweep.Over(K, p => CoveringBound.ExpectedForm(radii, Covering, Counts, Priors, p).Value);
        var pair = PermutationSweep.Over(K, p => ClassPairMarginBound.Evaluate(Gamma, ClassRademacher, Counts, Priors, MarginRange, 0.05, null, p).Value);
        return (paper, expected, pair);
    }

    public static double RelativeSpread(PermutationRange r) => r.Spread / Math.Max(Math.Abs(r.Max), 1e-300);

    public override string ToString() => $"K={K} L={CaseOutcome.F(Lipschitz)} inputDim={InputDim}";
}
