using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>The empirical ramp margin risk is non-decreasing in γ: true by definition of Φ_γ.</summary>
public sealed class MarginRiskMonotoneClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-risk-monotone-in-gamma", ClaimKind.Definition)
    {
        Title = "Empirical margin risk is non-decreasing in the margin γ",
        Statement =
            "For γ₁ ≤ γ₂: R̂_{S,γ₁} ≤ R̂_{S,γ₂}, since Φ_γ(u) is non-decreasing in γ for every u.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., Def. 5.5 (used in the proof of Thm 5.9)",
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
        return RunCases(p, context, 1e-15, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var q = new double[m];
            for (var i = 0; i < m; i++) q[i] = ClaimRandom.Uniform(rng, -1, 3) * ClaimRandom.LogUniform(rng, 0.01, 100);
            var g1 = ClaimRandom.LogUniform(rng, 1e-3, 1e3);
            var g2 = g1 * ClaimRandom.LogUniform(rng, 1, 1e3);
            double r1 = hinge ? HingeRisk(q, g1) : MarginLoss.EmpiricalMarginRisk(q, g1), r2 = hinge ? HingeRisk(q, g2) : MarginLoss.EmpiricalMarginRisk(q, g2);
            return CaseOutcome.AtMost(r1, r2, $"m={m}: R̂(γ₁={CaseOutcome.F(g1)}) = {CaseOutcome.F(r1)}, R̂(γ₂={CaseOutcome.F(g2)}) = {CaseOutcome.F(r2)}");
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
