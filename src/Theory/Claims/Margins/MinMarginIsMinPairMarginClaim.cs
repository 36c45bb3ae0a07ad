namespace Collapse.Theory.Claims.Margins;

/// <summary>Paper-notes P9: γ_kl ≥ p_min for every pair, with equality for the smallest (p_min = min_{k≠l} γ_kl).</summary>
public sealed class MinMarginIsMinPairMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "pmin-is-min-class-pair-margin";
    /// <inheritdoc />
    public override string Title => "Every class-pair margin γ_kl is ≥ p_min, and p_min is the smallest of them";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 (reviewer R4: \"γ_{i,j} ≥ p_min\"); paper-notes P9 [R]";
    /// <inheritdoc />
    public override string Statement =>
        "With γ_kl = min_{y_i=k}(z_ik − z_il) and p_min = min_i (z_{i,y_i} − max_{j≠y_i} z_ij): p_min = min_{k≠l} γ_kl " +
        "(hence γ_kl ≥ p_min), on random classifiers with and without bias. Measured: p_min; expected: min γ_kl.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 7));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 0, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var m = s.Metrics(ClaimRandom.LogUniform(rng, 0.01, 100)).Margins!;
            var min = double.PositiveInfinity;
            for (var k = 0; k < s.K; k++)
                for (var l = 0; l < s.K; l++)
                    if (k != l) min = Math.Min(min, m.ClassPair[k, l]);
            return CaseOutcome.Equal(m.MinMargin, min, $"{s}: p_min {CaseOutcome.F(m.MinMargin)}, min γ_kl {CaseOutcome.F(min)}");
        });
    }
}
