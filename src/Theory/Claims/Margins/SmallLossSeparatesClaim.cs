using Collapse.Theory.Loss;
using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Paper-notes P1 consequence: L̄ &lt; log 2 / N ⇒ every training sample is classified correctly (p_min &gt; 0).</summary>
public sealed class SmallLossSeparatesClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "small-ce-implies-separable";
    /// <inheritdoc />
    public override string Title => "Mean CE below log 2 / N implies 100% training accuracy (p_min > 0)";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 Thm 4.1 consequence (paper-notes P1 [R])";
    /// <inheritdoc />
    public override string Statement =>
        "If L̄ < log(2)/N then p_min > 0 (a sample with q_i ≤ 0 alone contributes ℓ_i ≥ log 2). Instances: logits scaled so " +
        "that L̄ falls on both sides of log 2/N; instances with L̄ ≥ log 2/N are skipped (precondition). Measured: 0; expected: p_min.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 10), ("maxSamples", 20));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var maxN = context.GetInt(this, "maxSamples");
        if (maxK < 2 || maxN < 1) throw new InputException("--param maxClasses >= 2 and maxSamples >= 1 required");
        return RunCases(context, 0, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: rng.Next(3) != 0);
            // Shift one sample's margin to sit near the threshold: a small positive or non-positive gap.
            if (rng.Next(2) == 0)
            {
                var i = rng.Next(n);
                var max = double.NegativeInfinity;
                for (var j = 0; j < k; j++) if (j != y[i]) max = Math.Max(max, z[i * k + j]);
                z[i * k + y[i]] = max + ClaimRandom.Uniform(rng, -0.05, 0.05);
            }
            var (mean, _) = CrossEntropy.Evaluate(z, y, k);
            if (!(mean < Math.Log(2) / n)) return CaseOutcome.Skip("mean CE ≥ log 2 / N");
            var pmin = double.PositiveInfinity;
            for (var i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
            var o = CaseOutcome.AtMost(0, pmin, $"{shape}: L̄ = {CaseOutcome.F(mean)} < log2/N = {CaseOutcome.F(Math.Log(2) / n)}, p_min = {CaseOutcome.F(pmin)}");
            return pmin > 0 ? o : o with { Excess = double.PositiveInfinity };
        });
    }
}
