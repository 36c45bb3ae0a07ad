using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Papyan's squared NC3 is 2(1 − cos_F(W, M̃)).</summary>
public sealed class Nc3CosineClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc3-cosine-identity", ClaimKind.Identity)
    {
        Title = "NC3 = 2 − 2⟨W, M̃⟩_F/(‖W‖_F‖M̃‖_F)",
        Statement =
            "For any W and centred means M̃ (both K×d): ‖Wᵀ/‖W‖_F − M̃ᵀ/‖M̃‖_F‖_F² = 2 − 2⟨W, M̃⟩_F/(‖W‖_F‖M̃‖_F). " +
            "Measured: Nc3.Compute; expected: the cosine form.",
        Source = "Papyan, Han, Donoho 2020 (NC3); the cosine form is derived",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("factor", 2, "the identity NC3 = factor·(1 − cos): 2 = the statement; 1 is a deliberately false variant (falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("factor-one", "NC3 = 1 − cos instead of 2 − 2cos", ("factor", "1")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var factor = p.Real("factor");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = 1 + rng.Next(k + 5);
            var w = RandomOrthogonal.Gaussian(k, d, rng) * ClaimRandom.LogUniform(rng, 1e-3, 1e3);
            var m = RandomOrthogonal.Gaussian(k, d, rng) * ClaimRandom.LogUniform(rng, 1e-3, 1e3);
            if (rng.Next(3) == 0) m = w * ClaimRandom.LogUniform(rng, 0.1, 10) + 1e-4 * m; // nearly aligned
            var expected = factor - factor * w.PointwiseMultiply(m).Enumerate().Sum() / (w.FrobeniusNorm() * m.FrobeniusNorm());
            return CaseOutcome.Equal(Nc3.Compute(w, m), expected, $"K={k} d={d}");
        });
    }
}
