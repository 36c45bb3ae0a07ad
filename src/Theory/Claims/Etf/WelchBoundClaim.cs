using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Welch bound on the coherence of K ≥ d unit vectors, attained by the K = d+1 simplex.</summary>
public sealed class WelchBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("welch-bound", ClaimKind.Inequality)
    {
        Title = "Welch bound: max|⟨u_i,u_j⟩| ≥ √((K−d)/(d(K−1))), attained by the simplex with K = d+1",
        Statement =
            "For K ≥ d unit vectors in R^d the coherence max_{i≠j}|⟨u_i,u_j⟩| ≥ √((K−d)/(d(K−1))); a simplex ETF with K = d+1 " +
            "has coherence exactly 1/d = the bound (checked to 1e-12). Note: for K ≤ d orthonormal vectors have coherence 0 < 1/(K−1), " +
            "so the ETF does not minimise the absolute coherence in general. Measured: the bound; expected: the coherence. " +
            "Informative: the bound is positive (K > d) and the coherence lies below √((K−d)/d), the bound without its K−1 (the " +
            "case refutes that false variant); tightness: bound / coherence.",
        Source = "Welch 1974",
        References = ["welch1974"],
        Parameters =
        [
            ClaimParameter.Int("maxDim", 20, "largest dimension d drawn", min: 1, max: 1000),
            ClaimParameter.Real("kMinus1Power", 1, "the bound is √((K−d)/(d·(K−1)^kMinus1Power)): 1 = the statement; 0 drops the K−1 (deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("k-minus-1-dropped", "the bound √((K−d)/d) without the factor K−1 in the denominator", ("kMinus1Power", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxD = p.Int("maxDim");
        var power = p.Real("kMinus1Power");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var d = 1 + rng.Next(maxD);
            var k = Math.Max(2, d + rng.Next(2 * d + 1));
            var u = RandomOrthogonal.Gaussian(k, d, rng);
            for (var i = 0; i < k; i++) u.SetRow(i, u.Row(i) / u.Row(i).L2Norm());
            var bound = Math.Sqrt((double)(k - d) / (d * Math.Pow(k - 1.0, power)));
            var coherence = Coherence(u);
            var o = CaseOutcome.AtMost(bound, coherence, $"K={k} d={d}: coherence {CaseOutcome.F(coherence)}, Welch bound {CaseOutcome.F(bound)}");
            var simplex = SimplexEtf.Random(d + 1, d, rng.Next());
            var attained = Math.Abs(Coherence(simplex) - Math.Sqrt(1.0 / (d * (double)d)));
            var withoutKMinus1 = Math.Sqrt((double)(k - d) / d);
            return o with { Excess = Math.Max(o.Excess, attained), Tightness = bound / coherence, Informative = bound > 0 && coherence < withoutKMinus1 };
        });
    }

    private static double Coherence(MathNet.Numerics.LinearAlgebra.Matrix<double> u)
    {
        var g = u.TransposeAndMultiply(u);
        var max = 0.0;
        for (var i = 0; i < u.RowCount; i++) for (var j = 0; j < u.RowCount; j++) if (i != j) max = Math.Max(max, Math.Abs(g[i, j]));
        return max;
    }
}
