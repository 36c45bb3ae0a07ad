using Collapse.Theory.Loss;
using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>−(1/s) log L̄(s) → p_min as the logits are scaled by s → ∞ (the SVM margin), in a sharp finite-s form.</summary>
public sealed class CeScaleLimitClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-scale-limit-is-margin", ClaimKind.Asymptotic)
    {
        Title = "Scaling separable logits by s: −(1/s)·log CE(s) → p_min at rate O(log(NK)/s)",
        Statement =
            "For logits with p_min > 0 scaled by s ≥ 1: p_min − log(K−1)/s ≤ −(1/s)·log L̄(s) ≤ p_min + log(N/log 2)/s (finite-s " +
            "form of the limit; L̄ in the log domain, s up to 1e4). Measured: s·|−(1/s)log L̄ − p_min|; expected: max(log(K−1), log(N/log 2)).",
        Source = "[reconstructed] scale limit behind Gao et al. 2023's CE ↔ multi-class SVM link",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 50, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Real("upperTerm", 1, "multiplier of the upper correction log(N/log 2)/s: 1 = the statement; 0 drops it (deliberately false variant, falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("upper-term-dropped", "the upper side p_min without the + log(N/log 2)/s term", ("upperTerm", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var upperTerm = p.Real("upperTerm");
        return RunCases(p, context, 1e-9, seed =>
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
            var hi = pmin + upperTerm * Math.Log(n / Math.Log(2)) / s;
            var excess = Math.Max(lo - value, value - hi) * s / Math.Max(1, Math.Abs(pmin) * s);
            return new CaseOutcome(s * Math.Abs(value - pmin), Math.Max(Math.Log(k - 1), Math.Log(n / Math.Log(2))), excess,
                $"{shape} s={CaseOutcome.F(s)}: −log L̄/s = {CaseOutcome.F(value)} in [{CaseOutcome.F(lo)}, {CaseOutcome.F(hi)}], p_min = {CaseOutcome.F(pmin)}");
        });
    }
}
