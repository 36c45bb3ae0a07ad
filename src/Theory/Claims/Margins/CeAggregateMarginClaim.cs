using Collapse.Theory.Loss;
using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Claims catalogue C2 / paper-notes P1: −log(e^{NL̄} − 1) ≤ p_min ≤ log(K−1) − log(e^{L̄} − 1).</summary>
public sealed class CeAggregateMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "ce-min-margin-bounds";
    /// <inheritdoc />
    public override string Title => "The mean CE brackets the minimum margin: −log(e^{NL̄}−1) ≤ p_min ≤ log(K−1) − log(e^{L̄}−1)";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 Thm 4.1 (L̄ → 0 ⇒ p_min → ∞; quantitative form paper-notes P1 [R]); claims catalogue C2";
    /// <inheritdoc />
    public override string Statement =>
        "For any logits with mean CE L̄ over N samples: −log(e^{N·L̄} − 1) ≤ p_min ≤ log(K−1) − log(e^{L̄} − 1), evaluated from " +
        "log L̄ (log domain) so that L̄ down to 1e-300 is covered. Measured: largest violation relative to max(1, |p_min|).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 20), ("maxSamples", 50));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var maxN = context.GetInt(this, "maxSamples");
        if (maxK < 2 || maxN < 1) throw new InputException("--param maxClasses >= 2 and maxSamples >= 1 required");
        return RunCases(context, 1e-9, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: rng.Next(2) == 0);
            var pmin = double.PositiveInfinity;
            for (var i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
            var (_, logMean) = CrossEntropy.Evaluate(z, y, k);
            var lower = -ClaimMath.LogExpm1FromLog(Math.Log(n) + logMean);
            var upper = Math.Log(k - 1) - ClaimMath.LogExpm1FromLog(logMean);
            var e = Math.Max(lower - pmin, pmin - upper) / Math.Max(1, Math.Abs(pmin));
            return new CaseOutcome(e, 0, e, $"{shape}: {CaseOutcome.F(lower)} ≤ p_min = {CaseOutcome.F(pmin)} ≤ {CaseOutcome.F(upper)} (log L̄ = {CaseOutcome.F(logMean)})");
        });
    }
}
