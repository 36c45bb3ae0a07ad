using Collapse.Theory.Loss;
using Collapse.Theory.Margins;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims.Margins;

/// <summary>The mean CE brackets the minimum margin: −log(e^{NL̄} − 1) ≤ p_min ≤ log(K−1) − log(e^{L̄} − 1).</summary>
public sealed class CeAggregateMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-min-margin-bounds", ClaimKind.Inequality)
    {
        Title = "The mean CE brackets the minimum margin: −log(e^{NL̄}−1) ≤ p_min ≤ log(K−1) − log(e^{L̄}−1)",
        Statement =
            "For any logits with mean CE L̄ over N samples: −log(e^{N·L̄} − 1) ≤ p_min ≤ log(K−1) − log(e^{L̄} − 1), evaluated from " +
            "log L̄ (log domain) so that L̄ down to 1e-300 is covered. Measured: largest violation relative to max(1, |p_min|). " +
            "Informative: p_min lies below −log(e^{L̄} − 1) by more than the tolerance (the lower side without N would be refuted); " +
            "tightness: e^{−p_min}/(e^{N·L̄} − 1) (the lower side in the exponential domain, 1 at equality).",
        Source = "[reconstructed] quantitative form of Gao et al. 2023's CE–margin link (the reviews' Thm 4.1: L̄ → 0 ⇒ p_min → ∞)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 50, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Text("lowerSamples", "N",
                "factor of L̄ on the lower side: N, −log(e^{N·L̄} − 1) (the statement), or 1, −log(e^{L̄} − 1) (deliberately false variant, falsifier)",
                "N", "1"),
        ],
        Falsifiers =
        [
            Falsifier.Of("lower-side-without-n", "the lower side −log(e^{L̄}−1) instead of −log(e^{N·L̄}−1)", ("lowerSamples", "1")),
        ],
    };

    /// <summary>Relative tolerance of either side (relative to max(1, |p_min|)).</summary>
    private const double Tolerance = 1e-9;

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var perSample = p.Text("lowerSamples") == "1";
        return RunCases(p, context, Tolerance, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: rng.Next(2) == 0);
            var pmin = double.PositiveInfinity;
            for (var i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
            var (_, logMean) = CrossEntropy.Evaluate(z, y, k);
            var trueLower = -LogExpMinusOne.FromLog(Math.Log(n) + logMean);
            var withoutN = -LogExpMinusOne.FromLog(logMean);
            var lower = perSample ? withoutN : trueLower;
            var upper = Math.Log(k - 1) - LogExpMinusOne.FromLog(logMean);
            var scale = Math.Max(1, Math.Abs(pmin));
            var e = Math.Max(lower - pmin, pmin - upper) / scale;
            return new CaseOutcome(e, 0, e, $"{shape}: {CaseOutcome.F(lower)} ≤ p_min = {CaseOutcome.F(pmin)} ≤ {CaseOutcome.F(upper)} (log L̄ = {CaseOutcome.F(logMean)})")
            {
                Tightness = Math.Exp(trueLower - pmin),
                Informative = (withoutN - pmin) / scale > Tolerance,
            };
        });
    }
}
