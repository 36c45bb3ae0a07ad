using Collapse.Theory.Loss;
using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>L̄ &lt; log 2 / N ⇒ every training sample is classified correctly (p_min &gt; 0).</summary>
public sealed class SmallLossSeparatesClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("small-ce-implies-separable", ClaimKind.Inequality)
    {
        Title = "Mean CE below log 2 / N implies 100% training accuracy (p_min > 0)",
        Statement =
            "If L̄ < log(2)/N then p_min > 0 (a sample with q_i ≤ 0 alone contributes ℓ_i ≥ log 2). Instances: all margins ≥ 30 except " +
            "one at g ∈ [−0.05, 0.05], so that L̄ falls on both sides of log 2/N; instances with L̄ ≥ log 2/N are skipped (precondition). " +
            "Measured: 0; expected: p_min. Informative: N·L̄ ≥ (log 2)/2, the loss within a factor 2 of the threshold (the implication probed at its edge, where one misclassified sample would already exceed it); tightness: N·L̄ / log 2.",
        Source = "[reconstructed] consequence of the CE–margin sandwich (Gao et al. 2023)",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 10, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 20, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Text("threshold", "log2/N", "the loss threshold: log2/N (the statement) or log2 (deliberately false variant, falsifier)", "log2/N", "log2"),
        ],
        Falsifiers =
        [
            Falsifier.Of("threshold-log-2", "the threshold L̄ < log 2 instead of log 2 / N", ("threshold", "log2")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var perSample = p.Text("threshold") == "log2/N";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var n = 1 + rng.Next(maxN);
            // Every sample leads its competitors by ≥ 30 except one, whose runner-up sits at a gap g ∈ [−0.05, 0.05]:
            // L̄ then falls just above or just below log 2 / N depending on the sign of g.
            var z = new double[n * k];
            var y = new int[n];
            var special = rng.Next(n);
            var g = ClaimRandom.Uniform(rng, -0.05, 0.05);
            for (var i = 0; i < n; i++)
            {
                y[i] = rng.Next(k);
                var shift = 100 * ClaimRandom.Normal(rng);
                var first = true;
                for (var j = 0; j < k; j++)
                {
                    if (j == y[i]) { z[i * k + j] = shift; continue; }
                    z[i * k + j] = shift - (i == special && first ? g : 30 + 10 * rng.NextDouble());
                    first = false;
                }
            }
            var shape = $"K={k} N={n} near-threshold gap g={CaseOutcome.F(g)}";
            var (mean, _) = CrossEntropy.Evaluate(z, y, k);
            var threshold = perSample ? Math.Log(2) / n : Math.Log(2);
            if (!(mean < threshold)) return CaseOutcome.Skip(perSample ? "mean CE ≥ log 2 / N" : "mean CE ≥ log 2");
            var pmin = double.PositiveInfinity;
            for (var i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
            var o = CaseOutcome.AtMost(0, pmin, $"{shape}: L̄ = {CaseOutcome.F(mean)} < {(perSample ? "log2/N" : "log2")} = {CaseOutcome.F(threshold)}, p_min = {CaseOutcome.F(pmin)}");
            o = o with { Tightness = n * mean / Math.Log(2), Informative = n * mean >= Math.Log(2) / 2 };
            return pmin > 0 ? o : o with { Excess = double.PositiveInfinity };
        });
    }
}
