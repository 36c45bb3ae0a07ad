using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>The probabilistic step of the expected covering bound: E[uncovered mass] ≤ 𝒩(ε/2)/(e·n).</summary>
public sealed class CoveringUncoveredMassClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("covering-uncovered-mass", ClaimKind.Inequality)
    {
        Title = "A fresh point is farther than ε from all n samples with probability ≤ 𝒩(ε/2)/(e·n)",
        Statement =
            "For the uniform distribution on a ball of radius s in R^n (n ≤ 3) and a fixed ε: P_{S,x}(min_j ‖x − x_j‖ > ε) ≤ " +
            "(1 + 4s/ε)^n/(e·N) (cells of diameter ≤ ε from an ε/2-cover; Σ_c p_c(1 − p_c)^N ≤ 𝒩/(eN)). Monte-Carlo frequency over " +
            "`trials` draws of (S, x), with a binomial allowance (tail 1e-6).",
        Source = "[reconstructed] derived step of the covering bound behind Gao et al. 2023 (docs/bounds.md §7)",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("trials", 200, "Monte-Carlo draws of (S, x) per case", min: 1, max: 1000000),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var trials = p.Int("trials");
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var dim = 1 + rng.Next(3);
            var s = ClaimRandom.LogUniform(rng, 0.5, 5);
            var n = 1 + rng.Next(2000);
            var eps = s * ClaimRandom.LogUniform(rng, 0.2, 2);
            var bound = CoveringNumbers.Ball(s, dim, eps / 2) / (Math.E * n);
            var pts = new double[n * dim];
            var x = new double[dim];
            var hits = 0;
            for (var t = 0; t < trials; t++)
            {
                for (var i = 0; i < n; i++) Ball(rng, s, pts.AsSpan(i * dim, dim));
                Ball(rng, s, x);
                var near = false;
                for (var i = 0; i < n && !near; i++)
                {
                    var d2 = 0.0;
                    for (var j = 0; j < dim; j++) { var v = x[j] - pts[i * dim + j]; d2 += v * v; }
                    near = d2 <= eps * eps;
                }
                if (!near) hits++;
            }
            var allowance = ClaimRandom.BinomialAllowance(trials, Math.Min(1, bound));
            var freq = (double)hits / trials;
            var excess = bound >= 1 ? freq - bound : freq - (double)allowance / trials;
            return new CaseOutcome(freq, bound, excess,
                $"dim={dim} s={CaseOutcome.F(s)} N={n} ε={CaseOutcome.F(eps)}: uncovered in {hits}/{trials}, bound {CaseOutcome.F(bound)}")
            {
                Tightness = freq / bound, Informative = bound < 1,
            };
        });
    }

    private static void Ball(Random rng, double radius, Span<double> v)
    {
        ClaimRandom.UnitVector(rng, v);
        var r = radius * Math.Pow(rng.NextDouble(), 1.0 / v.Length);
        for (var j = 0; j < v.Length; j++) v[j] *= r;
    }
}
