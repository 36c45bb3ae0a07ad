using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Monte-Carlo empirical Rademacher complexity of ‖w‖ ≤ B linear scorers ≤ B·max‖h_i‖/√m (Mohri Thm 5.10).</summary>
public sealed class RademacherLinearBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "rademacher-linear-bound";
    /// <inheritdoc />
    public override string Title => "Empirical Rademacher complexity of norm-bounded linear scorers is at most B·R/√m";
    /// <inheritdoc />
    public override string Source => "Mohri, Rostamizadeh, Talwalkar, Foundations of ML, 2nd ed., Thm 5.10";
    /// <inheritdoc />
    public override string Statement =>
        "For H = {h ↦ ⟨w,h⟩ : ‖w‖ ≤ B} and features h_1..h_m: R̂_S(H) = (B/m)·E_σ‖Σσ_i h_i‖ ≤ boundFactor·B·max_i‖h_i‖/√m " +
        "(boundFactor = 1 is the theorem). Checked with the lower end of a 99.9% Monte-Carlo confidence interval; " +
        "boundFactor = 0.5 is a deliberately false variant.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        Params(("maxSamples", 64), ("maxDim", 16), ("draws", 400), ("boundFactor", 1));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxM = context.GetInt(this, "maxSamples");
        var maxD = context.GetInt(this, "maxDim");
        var draws = context.GetInt(this, "draws");
        var factor = context.GetDouble(this, "boundFactor");
        if (maxM < 1 || maxD < 1 || draws < 2) throw new InputException("--param maxSamples, maxDim must be >= 1 and draws >= 2");
        return RunCases(context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var d = 1 + rng.Next(maxD);
            var b = ClaimRandom.LogUniform(rng, 0.1, 10);
            var (x, shape) = ClaimRandom.Features(rng, m, d);
            var est = LinearRademacher.MonteCarlo(x, d, b, draws, rng.Next(), confidence: 0.999);
            var bound = factor * LinearRademacher.AnalyticBound(x, d, b);
            var o = CaseOutcome.AtMost(est.Lower, bound, $"m={m} d={d} B={CaseOutcome.F(b)} {shape} features, MC {CaseOutcome.F(est.Mean)}±{CaseOutcome.F(est.StandardError)}, bound {CaseOutcome.F(bound)} (ratio {CaseOutcome.F(bound / est.Mean)})");
            return o with { Excess = o.Excess / Math.Max(bound, 1e-300) };
        });
    }
}
