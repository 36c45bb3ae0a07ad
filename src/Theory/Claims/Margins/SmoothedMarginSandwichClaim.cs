namespace Collapse.Theory.Claims.Margins;

/// <summary>p_min − log(N(K−1)) ≤ γ̃ ≤ p_min for the smoothed margin of Lyu &amp; Li 2020.</summary>
public sealed class SmoothedMarginSandwichClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("smoothed-margin-sandwich", ClaimKind.Inequality)
    {
        Title = "The smoothed margin is within log(N(K−1)) below the minimum margin",
        Statement =
            "γ̃ = −log Σ_i Σ_{j≠y_i} e^{−(z_{i,y_i} − z_ij)} satisfies p_min − log(N(K−1)) ≤ γ̃ ≤ p_min (a log-sum-exp of N(K−1) " +
            "terms, the largest being e^{−p_min}). Measured: the larger violation, relative to max(1, |p_min|). Informative: γ̃ lies below p_min by more than the tolerance (the lower side without − log(N(K−1)) is refuted on the case); tightness: (p_min − γ̃)/log(N(K−1)) ∈ [0, 1] (1 when every competitor of every sample ties).",
        Source = "Lyu & Li 2020 (ICLR), smoothed margin; derived",
        References = ["lyu2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("lowerTerm", 1, "multiplier of log(N(K−1)) on the lower side: 1 = the statement; 0 drops it (deliberately false variant, falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("lower-term-dropped", "the lower side p_min without − log(N(K−1))", ("lowerTerm", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var lowerTerm = p.Real("lowerTerm");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var m = s.Metrics(ClaimRandom.LogUniform(rng, 0.01, 300)).Margins!;
            var lo = m.MinMargin - lowerTerm * Math.Log(s.N * (s.K - 1.0));
            var e = Math.Max(lo - m.SmoothedMargin, m.SmoothedMargin - m.MinMargin) / Math.Max(1, Math.Abs(m.MinMargin));
            var scale = Math.Max(1, Math.Abs(m.MinMargin));
            return new CaseOutcome(e, 0, e, $"{s}: {CaseOutcome.F(lo)} ≤ γ̃ = {CaseOutcome.F(m.SmoothedMargin)} ≤ p_min = {CaseOutcome.F(m.MinMargin)}")
            {
                Tightness = (m.MinMargin - m.SmoothedMargin) / Math.Log(s.N * (s.K - 1.0)),
                Informative = (m.MinMargin - m.SmoothedMargin) / scale > 1e-12,
            };
        });
    }
}
