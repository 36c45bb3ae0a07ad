using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Claims catalogue B6: Welch bound on the coherence of K ≥ d unit vectors, attained by the K = d+1 simplex.</summary>
public sealed class WelchBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "welch-bound";
    /// <inheritdoc />
    public override string Title => "Welch bound: max|⟨u_i,u_j⟩| ≥ √((K−d)/(d(K−1))), attained by the simplex with K = d+1";
    /// <inheritdoc />
    public override string Source => "Welch 1974 (claims catalogue B6)";
    /// <inheritdoc />
    public override string Statement =>
        "For K ≥ d unit vectors in R^d the coherence max_{i≠j}|⟨u_i,u_j⟩| ≥ √((K−d)/(d(K−1))); a simplex ETF with K = d+1 " +
        "has coherence exactly 1/d = the bound (checked to 1e-12). Note: for K ≤ d orthonormal vectors have coherence 0 < 1/(K−1), " +
        "so the ETF does not minimise the absolute coherence in general. Measured: the bound; expected: the coherence.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxDim", 20));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxD = context.GetInt(this, "maxDim");
        if (maxD < 1) throw new InputException("--param maxDim must be >= 1");
        return RunCases(context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var d = 1 + rng.Next(maxD);
            var k = Math.Max(2, d + rng.Next(2 * d + 1));
            var u = RandomOrthogonal.Gaussian(k, d, rng);
            for (var i = 0; i < k; i++) u.SetRow(i, u.Row(i) / u.Row(i).L2Norm());
            var bound = Math.Sqrt((double)(k - d) / (d * (k - 1.0)));
            var coherence = Coherence(u);
            var o = CaseOutcome.AtMost(bound, coherence, $"K={k} d={d}: coherence {CaseOutcome.F(coherence)}, Welch bound {CaseOutcome.F(bound)}");
            var simplex = SimplexEtf.Random(d + 1, d, rng.Next());
            var attained = Math.Abs(Coherence(simplex) - Math.Sqrt(1.0 / (d * (double)d)));
            return o with { Excess = Math.Max(o.Excess, attained) };
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
