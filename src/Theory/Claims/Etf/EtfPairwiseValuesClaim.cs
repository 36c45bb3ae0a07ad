using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Pairwise distance √(2K/(K−1)) and cosine −1/(K−1) of ETF vertices, with the values for K = 10, 100.</summary>
public sealed class EtfPairwiseValuesClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("etf-pairwise-values", ClaimKind.Identity)
    {
        Title = "ETF vertices are √(2K/(K−1)) apart (1.490712 for K = 10, 1.421338 for K = 100)",
        Statement =
            "Every pair of rows of a simplex ETF has ‖m_k − m_l‖ = √(2K/(K−1)) and cos = −1/(K−1); for K = 10 these are " +
            "1.490712 and −0.111111, for K = 100 1.421338 and −0.010101 (6 decimals, checked on every run). Measured: max deviation.",
        Source = "Simplex-ETF geometry as used by Gao et al. 2023 (derived; the 6-decimal values are computed here)",
        References = ["papyan2020", "gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 40, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("kFactorPower", 1, "the expected distance is √(2·(K/(K−1))^kFactorPower): 1 = the statement; 0 gives √2, the distance of orthonormal vectors "
                + "(deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("orthonormal-distance", "the distance √2 of orthonormal vectors instead of √(2K/(K−1))", ("kFactorPower", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var power = p.Real("kFactorPower");
        return RunCases(p, context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(4);
            var m = SimplexEtf.Random(k, d, rng.Next());
            var distance = power == 1 ? SimplexEtf.ExpectedDistance(k) : Math.Sqrt(2 * Math.Pow(k / (k - 1.0), power));
            var err = 0.0;
            for (var a = 0; a < k; a++)
                for (var b = a + 1; b < k; b++)
                    err = Math.Max(err, Math.Abs((m.Row(a) - m.Row(b)).L2Norm() - distance));
            var quoted = Math.Max(
                Math.Max(Math.Abs(Math.Round(SimplexEtf.ExpectedDistance(10), 6) - 1.490712), Math.Abs(Math.Round(SimplexEtf.ExpectedCosine(10), 6) + 0.111111)),
                Math.Max(Math.Abs(Math.Round(SimplexEtf.ExpectedDistance(100), 6) - 1.421338), Math.Abs(Math.Round(SimplexEtf.ExpectedCosine(100), 6) + 0.010101)));
            var closed = Math.Abs(SimplexEtf.ExpectedDistance(k) - Math.Sqrt(2.0 * k / (k - 1)));
            var quotedText = power == 1 ? "√(2K/(K−1))" : CaseOutcome.F(distance);
            return CaseOutcome.Equal(Math.Max(err, Math.Max(quoted, closed)), 0, $"K={k} d={d}: max |distance − {quotedText}| = {CaseOutcome.F(err)}");
        });
    }
}
