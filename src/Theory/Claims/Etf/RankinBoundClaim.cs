using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Any K unit vectors have a pair with inner product ≥ −1/(K−1); the ETF attains it.</summary>
public sealed class RankinBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("simplex-bound-max-inner-product", ClaimKind.Inequality)
    {
        Title = "K unit vectors always have max_{i≠j}⟨u_i,u_j⟩ ≥ −1/(K−1), with equality at the ETF",
        Statement =
            "For unit u_1..u_K in R^d: −1/(K−1) ≤ max_{i≠j}⟨u_i,u_j⟩ (Σ_{i≠j}⟨u_i,u_j⟩ = ‖Σu_i‖² − K ≥ −K). In 3 of 4 cases an " +
            "ETF (d ≥ K−1) perturbed by noise of size 1e-8..0.3/K, otherwise random vectors; equality at an exact ETF to 1e-12. " +
            "Measured: −1/(K−1); expected: the largest inner product. Informative: the largest inner product is below −1/K (the " +
            "case lies between the bound and its false variant −1/K, which it would refute); tightness: (1 − max⟨u_i,u_j⟩)/(1 + 1/(K−1)), " +
            "1 at equality.",
        Source = "Rankin 1955 (simplex bound); the ETF attains it (Papyan et al. 2020)",
        References = ["rankin1955", "papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 30, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("boundOffset", 1, "the bound is −1/(K − boundOffset): 1 = the statement; 0 gives −1/K (deliberately false variant, falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("bound-minus-one-over-k", "the bound −1/K instead of −1/(K−1)", ("boundOffset", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var offset = p.Int("boundOffset");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var perturbedEtf = rng.Next(4) != 0;
            var d = perturbedEtf ? k - 1 + rng.Next(6) : 1 + rng.Next(k + 5);
            var bound = -1.0 / (k - offset);
            var u = RandomOrthogonal.Gaussian(k, d, rng);
            var kind = "random";
            if (perturbedEtf)
            {
                var noise = ClaimRandom.LogUniform(rng, 1e-8, 0.3 / k);
                u = SimplexEtf.Random(k, d, rng.Next()) + noise * RandomOrthogonal.Gaussian(k, d, rng) / Math.Sqrt(d);
                kind = $"ETF + noise {CaseOutcome.F(noise)}";
            }
            for (var i = 0; i < k; i++) u.SetRow(i, u.Row(i) / u.Row(i).L2Norm());
            var g = u.TransposeAndMultiply(u);
            var max = double.NegativeInfinity;
            for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) if (i != j) max = Math.Max(max, g[i, j]);
            var o = CaseOutcome.AtMost(bound, max, $"K={k} d={d} {kind}: max inner product {CaseOutcome.F(max)}, bound {CaseOutcome.F(bound)}");
            if (d >= k - 1)
            {
                var etf = SimplexEtf.Random(k, d, rng.Next());
                var eg = etf.TransposeAndMultiply(etf);
                var emax = double.NegativeInfinity;
                for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) if (i != j) emax = Math.Max(emax, eg[i, j]);
                o = o with { Excess = Math.Max(o.Excess, Math.Abs(emax - bound)) };
            }
            return o with { Tightness = (1 - max) / (1 + 1.0 / (k - 1)), Informative = max < -1.0 / k };
        });
    }
}
