using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>0-1 risk ≤ ramp margin risk ≤ indicator margin risk (Mohri et al. 2018, eq. 9.6): true by definition of Φ_γ.</summary>
public sealed class RampSandwichClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-risk-sandwich", ClaimKind.Definition)
    {
        Title = "Empirical margin risk lies between the 0-1 risk and the indicator margin risk",
        Statement =
            "For all margins ρ_i and γ > 0: (1/m)Σ1[ρ_i ≤ 0] ≤ (1/m)ΣΦ_γ(ρ_i) ≤ (1/m)Σ1[ρ_i ≤ γ], Φ_γ(u) = min(1, max(0, 1 − u/γ)). " +
            "Measured: the larger violation of the two inequalities.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., Def. 5.5 and eq. 9.6",
        References = ["mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxSamples", 200, "largest number of samples m drawn", min: 1, max: 100000),
            ClaimParameter.Text("loss", "ramp",
                "Φ_γ: ramp, min(1, max(0, 1 − u/γ)) (the statement), or hinge, the uncapped max(0, 1 − u/γ) (deliberately false variant, falsifier)",
                "ramp", "hinge"),
        ],
        Falsifiers =
        [
            Falsifier.Of("uncapped-hinge", "the uncapped hinge max(0, 1 − u/γ) instead of the ramp Φ_γ", ("loss", "hinge")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxM = p.Int("maxSamples");
        var hinge = p.Text("loss") == "hinge";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var scale = ClaimRandom.LogUniform(rng, 1e-3, 1e3);
            var shift = ClaimRandom.Uniform(rng, -1, 2) * scale;
            var q = new double[m];
            for (var i = 0; i < m; i++) q[i] = rng.Next(10) == 0 ? 0.0 : shift + scale * ClaimRandom.Normal(rng); // some exact ties at 0
            var gamma = ClaimRandom.LogUniform(rng, 1e-3, 1e3) * scale;
            double zo = MarginLoss.ZeroOneRisk(q), ramp = hinge ? HingeRisk(q, gamma) : MarginLoss.EmpiricalMarginRisk(q, gamma), ind = MarginLoss.EmpiricalIndicatorRisk(q, gamma);
            var excess = Math.Max(zo - ramp, ramp - ind);
            return new CaseOutcome(excess, 0, excess, $"m={m} γ={CaseOutcome.F(gamma)}: 0-1 {CaseOutcome.F(zo)} ≤ ramp {CaseOutcome.F(ramp)} ≤ indicator {CaseOutcome.F(ind)}");
        });
    }

    /// <summary>The uncapped hinge risk (1/m)Σ max(0, 1 − u/γ) (a false Φ_γ: exceeds 1 for u &lt; 0, and is not monotone in γ there).</summary>
    private static double HingeRisk(double[] q, double gamma)
    {
        var s = 0.0;
        foreach (var u in q) s += Math.Max(0, 1 - u / gamma);
        return s / q.Length;
    }
}
