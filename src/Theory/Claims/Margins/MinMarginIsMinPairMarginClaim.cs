namespace Collapse.Theory.Claims.Margins;

/// <summary>γ_kl ≥ p_min for every pair, with equality for the smallest (p_min = min_{k≠l} γ_kl): true by definition.</summary>
public sealed class MinMarginIsMinPairMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("pmin-is-min-class-pair-margin", ClaimKind.Definition)
    {
        Title = "Every class-pair margin γ_kl is ≥ p_min, and p_min is the smallest of them",
        Statement =
            "With γ_kl = min_{y_i=k}(z_ik − z_il) and p_min = min_i (z_{i,y_i} − max_{j≠y_i} z_ij): p_min = min_{k≠l} γ_kl " +
            "(hence γ_kl ≥ p_min), on random classifiers with and without bias. Measured: p_min; expected: min γ_kl.",
        Source = "Margin definitions of Gao et al. 2023 as quoted by an ICLR reviewer (\"γ_{i,j} ≥ p_min\"); docs/conventions.md",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        return RunCases(p, context, 0, seed =>
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
