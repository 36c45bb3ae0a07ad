using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>The empirical ramp margin risk is non-decreasing in γ.</summary>
public sealed class MarginRiskMonotoneClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "margin-risk-monotone-in-gamma";
    /// <inheritdoc />
    public override string Title => "Empirical margin risk is non-decreasing in the margin γ";
    /// <inheritdoc />
    public override string Source => "Mohri, Rostamizadeh, Talwalkar, Foundations of ML, 2nd ed., Def. 5.5 (used in the proof of Thm 5.9)";
    /// <inheritdoc />
    public override string Statement => "For γ₁ ≤ γ₂: R̂_{S,γ₁} ≤ R̂_{S,γ₂}, since Φ_γ(u) is non-decreasing in γ for every u.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxSamples", 200));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxM = context.GetInt(this, "maxSamples");
        if (maxM < 1) throw new InputException("--param maxSamples must be >= 1");
        return RunCases(context, 1e-15, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var q = new double[m];
            for (var i = 0; i < m; i++) q[i] = ClaimRandom.Uniform(rng, -1, 3) * ClaimRandom.LogUniform(rng, 0.01, 100);
            var g1 = ClaimRandom.LogUniform(rng, 1e-3, 1e3);
            var g2 = g1 * ClaimRandom.LogUniform(rng, 1, 1e3);
            double r1 = MarginLoss.EmpiricalMarginRisk(q, g1), r2 = MarginLoss.EmpiricalMarginRisk(q, g2);
            return CaseOutcome.AtMost(r1, r2, $"m={m}: R̂(γ₁={CaseOutcome.F(g1)}) = {CaseOutcome.F(r1)}, R̂(γ₂={CaseOutcome.F(g2)}) = {CaseOutcome.F(r2)}");
        });
    }
}
