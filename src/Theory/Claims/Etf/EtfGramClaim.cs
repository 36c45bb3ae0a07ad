using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>The simplex ETF's Gram matrix, norms, cosines and column sum.</summary>
public sealed class EtfGramClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("etf-gram", ClaimKind.Identity)
    {
        Title = "A simplex ETF has Gram (K/(K−1))(I − 11ᵀ/K): unit rows, cosines −1/(K−1), zero sum",
        Statement =
            "For M with Mᵀ = √(K/(K−1))·U(I − 11ᵀ/K), UᵀU = I (SimplexEtf.Random, K ∈ [2, maxClasses], d ∈ {K−1, K, K+3}): " +
            "‖MMᵀ − (K/(K−1))(I − 11ᵀ/K)‖_F, max |‖m_k‖ − 1|, max |cos(m_k, m_l) + 1/(K−1)|, ‖Σ_k m_k‖ and |‖M‖_F² − K| are all 0. " +
            "Measured: the largest of them.",
        Source = "Papyan, Han, Donoho 2020 (PNAS), definition of the simplex ETF",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 64, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("cosineOffset", 1, "the expected cosine is −1/(K − cosineOffset): 1 = the statement; 0 gives −1/K (deliberately false variant, falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("cosine-minus-one-over-k", "the expected cosine −1/K instead of −1/(K−1)", ("cosineOffset", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var offset = p.Int("cosineOffset");
        return RunCases(p, context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = (k - 1) + rng.Next(3) switch { 0 => 0, 1 => 1, _ => 4 };
            var m = SimplexEtf.Random(k, d, rng.Next());
            var g = EtfDiagnostic.Of(m);
            var cosine = offset == 1 ? g.ExpectedCosine : -1.0 / (k - offset);
            var errors = new[]
            {
                g.GramError, Math.Abs(g.MaxNorm - 1), Math.Abs(g.MinNorm - 1), Math.Abs(g.MinCosine - cosine),
                Math.Abs(g.MaxCosine - cosine), g.ColumnSumNorm, Math.Abs(m.FrobeniusNorm() * m.FrobeniusNorm() - k),
            };
            return CaseOutcome.Equal(errors.Max(), 0, $"K={k} d={d}: Gram error {CaseOutcome.F(g.GramError)}, cosines [{CaseOutcome.F(g.MinCosine)}, {CaseOutcome.F(g.MaxCosine)}] "
                + $"vs {CaseOutcome.F(cosine)}, column sum {CaseOutcome.F(g.ColumnSumNorm)}");
        });
    }
}
