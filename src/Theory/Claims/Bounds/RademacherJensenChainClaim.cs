using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>R̂_S ≤ (B/m)√(Σ‖h_i‖²) ≤ B·R/√m: the two steps of Mohri's proof of Thm 5.10.</summary>
public sealed class RademacherJensenChainClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "rademacher-jensen-chain";
    /// <inheritdoc />
    public override string Title => "Rademacher complexity ≤ Jensen bound ≤ analytic bound";
    /// <inheritdoc />
    public override string Source => "Mohri, Rostamizadeh, Talwalkar, Foundations of ML, 2nd ed., proof of Thm 5.10";
    /// <inheritdoc />
    public override string Statement =>
        "(B/m)·E_σ‖Σσ_i h_i‖ ≤ (B/m)·√(Σ_i‖h_i‖²) ≤ B·max_i‖h_i‖/√m (Jensen, then max ≥ mean). Measured: the larger " +
        "of (MC lower 99.9% limit − Jensen) and (Jensen − analytic), relative to the analytic bound.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        Params(("maxSamples", 64), ("maxDim", 16), ("draws", 400));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxM = context.GetInt(this, "maxSamples");
        var maxD = context.GetInt(this, "maxDim");
        var draws = context.GetInt(this, "draws");
        if (maxM < 1 || maxD < 1 || draws < 2) throw new InputException("--param maxSamples, maxDim must be >= 1 and draws >= 2");
        return RunCases(context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var d = 1 + rng.Next(maxD);
            var b = ClaimRandom.LogUniform(rng, 0.1, 10);
            var (x, shape) = ClaimRandom.Features(rng, m, d);
            var est = LinearRademacher.MonteCarlo(x, d, b, draws, rng.Next(), confidence: 0.999);
            var jensen = LinearRademacher.JensenBound(x, d, b);
            var analytic = LinearRademacher.AnalyticBound(x, d, b);
            var excess = Math.Max(est.Lower - jensen, jensen - analytic) / analytic;
            return new CaseOutcome(excess, 0, excess,
                $"m={m} d={d} {shape} features: MC {CaseOutcome.F(est.Mean)} ≤ Jensen {CaseOutcome.F(jensen)} ≤ analytic {CaseOutcome.F(analytic)}");
        });
    }
}
