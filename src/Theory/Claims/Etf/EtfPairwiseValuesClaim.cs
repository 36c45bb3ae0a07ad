using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Paper-notes P3: pairwise distance √(2K/(K−1)) and cosine −1/(K−1), with the quoted values for K = 10, 100.</summary>
public sealed class EtfPairwiseValuesClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "etf-pairwise-values";
    /// <inheritdoc />
    public override string Title => "ETF vertices are √(2K/(K−1)) apart (1.490712 for K = 10, 1.421338 for K = 100)";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 setup; paper-notes P3 [R] (values quoted there)";
    /// <inheritdoc />
    public override string Statement =>
        "Every pair of rows of a simplex ETF has ‖m_k − m_l‖ = √(2K/(K−1)) and cos = −1/(K−1); for K = 10 these are " +
        "1.490712 and −0.111111, for K = 100 1.421338 and −0.010101 (6 decimals, checked on every run). Measured: max deviation.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 40));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(4);
            var m = SimplexEtf.Random(k, d, rng.Next());
            var err = 0.0;
            for (var a = 0; a < k; a++)
                for (var b = a + 1; b < k; b++)
                    err = Math.Max(err, Math.Abs((m.Row(a) - m.Row(b)).L2Norm() - SimplexEtf.ExpectedDistance(k)));
            var quoted = Math.Max(
                Math.Max(Math.Abs(Math.Round(SimplexEtf.ExpectedDistance(10), 6) - 1.490712), Math.Abs(Math.Round(SimplexEtf.ExpectedCosine(10), 6) + 0.111111)),
                Math.Max(Math.Abs(Math.Round(SimplexEtf.ExpectedDistance(100), 6) - 1.421338), Math.Abs(Math.Round(SimplexEtf.ExpectedCosine(100), 6) + 0.010101)));
            var closed = Math.Abs(SimplexEtf.ExpectedDistance(k) - Math.Sqrt(2.0 * k / (k - 1)));
            return CaseOutcome.Equal(Math.Max(err, Math.Max(quoted, closed)), 0, $"K={k} d={d}: max |distance − √(2K/(K−1))| = {CaseOutcome.F(err)}");
        });
    }
}
