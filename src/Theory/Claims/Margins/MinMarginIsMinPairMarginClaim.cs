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
            ClaimParameter.Text("pairMargin", "min-over-samples", "γ_kl as defined, the minimum over class k of z_ik − z_il (the statement), or class-mean, the mean instead "
                + "(deliberately false variant, falsifier)", "min-over-samples", "class-mean"),
        ],
        Falsifiers =
        [
            Falsifier.Of("class-mean-pair-margin", "γ_kl as the mean over class k instead of the minimum", ("pairMargin", "class-mean")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var classMean = p.Text("pairMargin") == "class-mean";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var scale = ClaimRandom.LogUniform(rng, 0.01, 100);
            var m = s.Metrics(scale).Margins!;
            var pair = classMean ? ClassMeanPairMargins(s, scale) : m.ClassPair;
            var min = double.PositiveInfinity;
            for (var k = 0; k < s.K; k++)
                for (var l = 0; l < s.K; l++)
                    if (k != l) min = Math.Min(min, pair[k, l]);
            return CaseOutcome.Equal(m.MinMargin, min, $"{s}: p_min {CaseOutcome.F(m.MinMargin)}, min γ_kl {CaseOutcome.F(min)}");
        });
    }

    /// <summary>The wrong pair margin: the mean over class k of z_ik − z_il instead of the minimum.</summary>
    private static double[,] ClassMeanPairMargins(LabelledSample s, double scale)
    {
        var z = s.Logits(scale);
        var g = new double[s.K, s.K];
        var counts = new int[s.K];
        for (var i = 0; i < s.N; i++)
        {
            counts[s.Y[i]]++;
            for (var l = 0; l < s.K; l++) g[s.Y[i], l] += z[i * s.K + s.Y[i]] - z[i * s.K + l];
        }
        for (var k = 0; k < s.K; k++) for (var l = 0; l < s.K; l++) g[k, l] /= counts[k];
        return g;
    }
}
