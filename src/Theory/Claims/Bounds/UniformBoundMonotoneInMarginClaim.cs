using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>The uniform bound at γ = p_min (zero empirical risk) is non-increasing in p_min on (0, r].</summary>
public sealed class UniformBoundMonotoneInMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-bound-decreases-with-pmin", ClaimKind.Inequality)
    {
        Title = "A larger minimum margin gives a smaller margin bound (Cor 4.5 template)",
        Statement =
            "For 0 < p₁ ≤ p₂ ≤ r: (8K/p₂)𝔑 + √(log log₂(2r/p₂)/m) + √(log(2/δ)/2m) ≤ the same at p₁ (the uniform multi-class " +
            "margin bound at γ = p_min, where the empirical margin risk is 0). Holds only for this reconstructed template. Informative: the false variant with the complexity term 8K·p·𝔑 increases from p₁ to p₂ (it is refuted on the case); tightness: B(p₂)/B(p₁).",
        Source = "[reconstructed] the bound-decreases-with-the-margin argument of Gao et al. 2023 (Cor 4.5 / Rem 4.6 in the reviews), on the template of Mohri et al. 2018 Thm 5.9 + 9.2",
        References = ["gao2023", "gao2023reviews", "mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 100, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("marginPower", -1, "the complexity term is 8K·p^marginPower·𝔑: −1 = the statement (8K/p); +1 is a deliberately false variant (falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("complexity-times-margin", "the complexity term 8K·p·𝔑 instead of (8K/p)·𝔑", ("marginPower", "1")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var power = p.Real("marginPower");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var m = (int)ClaimRandom.LogUniform(rng, 1, 1e6);
            var r = ClaimRandom.LogUniform(rng, 1e-2, 1e3);
            var rad = ClaimRandom.LogUniform(rng, 1e-3, 1);
            var delta = ClaimRandom.LogUniform(rng, 1e-6, 0.5);
            var p1 = r * ClaimRandom.LogUniform(rng, 1e-6, 1);
            var p2 = Math.Min(r, p1 * ClaimRandom.LogUniform(rng, 1, 1e3));
            double BoundAt(double pm, double pw) => pw == -1 ? UniformMarginBound.AtMinimumMargin(pm, k, rad, m, delta, r).Value
                : 8.0 * k * Math.Pow(pm, pw) * rad + UniformMarginBound.UniformityTerm(pm, r, m) + UniformMarginBound.ConfidenceTerm(delta, m);
            double Bound(double pm) => BoundAt(pm, power);
            double b1 = Bound(p1);
            double b2 = Bound(p2);
            var o = CaseOutcome.AtMost(b2, b1, $"K={k} m={m} r={CaseOutcome.F(r)} 𝔑={CaseOutcome.F(rad)} δ={CaseOutcome.F(delta)}: B(p={CaseOutcome.F(p2)}) = {CaseOutcome.F(b2)} vs B(p={CaseOutcome.F(p1)}) = {CaseOutcome.F(b1)}");
            var falseIncrease = (BoundAt(p2, 1) - BoundAt(p1, 1)) / BoundAt(p1, 1);
            return o with { Excess = o.Excess / b1, Tightness = b2 / b1, Informative = falseIncrease > 1e-12 };
        });
    }
}
