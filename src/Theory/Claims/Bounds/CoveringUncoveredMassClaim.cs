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
            "`trials` draws of (S, x), with a binomial allowance (tail 1e-6). Instances: n = 1 (5 of 8 cases, ε/s ∈ [0.02, 0.3]), " +
            "2 or 3 (ε/s ∈ [0.2, 1]), and N chosen for a target bound β ∈ [0.25, 1.6] (N ≤ 20000), so that most bounds are " +
            "informative (< 1) and, in n = 1, within a factor of about 5 of the frequency. Informative: bound < 1; tightness: frequency / bound. " +
            "covering = one replaces the covering number by 1 (the complexity term dropped: a deliberately false variant).",
        Source = "[reconstructed] derived step of the covering bound behind Gao et al. 2023 (docs/bounds.md §7)",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("trials", 200, "Monte-Carlo draws of (S, x) per case", min: 1, max: 1000000),
            ClaimParameter.Text("covering", "ball", "the covering number in the bound: ball, (1 + 4s/ε)^n (the statement), or one, 𝒩 := 1 (the complexity term dropped; deliberately false "
                + "variant, falsifier)", "ball", "one"),
        ],
        Falsifiers =
        [
            Falsifier.Of("covering-number-dropped", "the bound 1/(e·N) without its covering number (complexity term) 𝒩(ε/2)", ("covering", "one")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var trials = p.Int("trials");
        var dropCovering = p.Text("covering") == "one";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var u = rng.Next(8);
            var dim = u < 5 ? 1 : u < 7 ? 2 : 3;
            var s = ClaimRandom.LogUniform(rng, 0.5, 5);
            var eps = s * (dim == 1 ? ClaimRandom.LogUniform(rng, 0.02, 0.3) : ClaimRandom.LogUniform(rng, 0.2, 1));
            var covering = CoveringNumbers.Ball(s, dim, eps / 2);
            var target = ClaimRandom.LogUniform(rng, 0.25, 1.6);
            var n = (int)Math.Clamp(Math.Ceiling(covering / (Math.E * target)), 1, MaxSamples);
            var bound = (dropCovering ? 1 : covering) / (Math.E * n);
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
                Tightness = freq / bound,
                Informative = bound < 1,
            };
        });
    }

    private const int MaxSamples = 20000;

    private static void Ball(Random rng, double radius, Span<double> v)
    {
        ClaimRandom.UnitVector(rng, v);
        var r = radius * Math.Pow(rng.NextDouble(), 1.0 / v.Length);
        for (var j = 0; j < v.Length; j++) v[j] *= r;
    }
}
