namespace Collapse.Theory.Claims.Margins;

/// <summary>Lyu &amp; Li 2020 / claims catalogue C2, E3: p_min − log(N(K−1)) ≤ γ̃ ≤ p_min.</summary>
public sealed class SmoothedMarginSandwichClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "smoothed-margin-sandwich";
    /// <inheritdoc />
    public override string Title => "The smoothed margin is within log(N(K−1)) below the minimum margin";
    /// <inheritdoc />
    public override string Source => "Lyu & Li 2020, ICLR (smoothed margin); claims catalogue C2 and E3";
    /// <inheritdoc />
    public override string Statement =>
        "γ̃ = −log Σ_i Σ_{j≠y_i} e^{−(z_{i,y_i} − z_ij)} satisfies p_min − log(N(K−1)) ≤ γ̃ ≤ p_min (a log-sum-exp of N(K−1) " +
        "terms, the largest being e^{−p_min}). Measured: the larger violation, relative to max(1, |p_min|).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 7));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var m = s.Metrics(ClaimRandom.LogUniform(rng, 0.01, 300)).Margins!;
            var lo = m.MinMargin - Math.Log(s.N * (s.K - 1.0));
            var e = Math.Max(lo - m.SmoothedMargin, m.SmoothedMargin - m.MinMargin) / Math.Max(1, Math.Abs(m.MinMargin));
            return new CaseOutcome(e, 0, e, $"{s}: {CaseOutcome.F(lo)} ≤ γ̃ = {CaseOutcome.F(m.SmoothedMargin)} ≤ p_min = {CaseOutcome.F(m.MinMargin)}");
        });
    }
}
