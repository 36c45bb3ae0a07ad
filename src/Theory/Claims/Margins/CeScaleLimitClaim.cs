using Collapse.Theory.Loss;
using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Paper-notes P2: −(1/s) log L̄(s) → p_min as logits are scaled by s → ∞ (the SVM margin), with a sharp finite-s form.</summary>
public sealed class CeScaleLimitClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "ce-scale-limit-is-margin";
    /// <inheritdoc />
    public override string Title => "Scaling separable logits by s: −(1/s)·log CE(s) → p_min at rate O(log(NK)/s)";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 Thm 4.1 (CE ↔ multi-class SVM in TPT; paper-notes P2 [R])";
    /// <inheritdoc />
    public override string Statement =>
        "For logits with p_min > 0 scaled by s ≥ 1: p_min − log(K−1)/s ≤ −(1/s)·log L̄(s) ≤ p_min + log(N/log 2)/s (finite-s " +
        "form of the limit; L̄ in the log domain, s up to 1e4). Measured: s·|−(1/s)log L̄ − p_min|; expected: max(log(K−1), log(N/log 2)).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
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
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: true);
            var pmin = double.PositiveInfinity;
            for (var i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
            var s = ClaimRandom.LogUniform(rng, 1, 1e4);
            var scaled = z.Select(v => v * s).ToArray();
            var (_, logMean) = CrossEntropy.Evaluate(scaled, y, k);
            var value = -logMean / s;
            var lo = pmin - Math.Log(k - 1) / s;
            var hi = pmin + Math.Log(n / Math.Log(2)) / s;
            var excess = Math.Max(lo - value, value - hi) * s / Math.Max(1, Math.Abs(pmin) * s);
            return new CaseOutcome(s * Math.Abs(value - pmin), Math.Max(Math.Log(k - 1), Math.Log(n / Math.Log(2))), excess,
                $"{shape} s={CaseOutcome.F(s)}: −log L̄/s = {CaseOutcome.F(value)} in [{CaseOutcome.F(lo)}, {CaseOutcome.F(hi)}], p_min = {CaseOutcome.F(pmin)}");
        });
    }
}
