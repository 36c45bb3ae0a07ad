namespace Collapse.Theory.Claims.Margins;

/// <summary>(W, h) ↦ (aW, bh) multiplies every margin by ab and leaves the normalized margin unchanged.</summary>
public sealed class MarginScaleCovarianceClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-scale-covariance", ClaimKind.Identity)
    {
        Title = "Scaling W by a and features by b multiplies margins by ab; the normalized margin is unchanged",
        Statement =
            "For a bias-free classifier and a, b > 0: p_min(aW, bH) = ab·p_min(W, H), γ_kl(aW, bH) = ab·γ_kl(W, H), and " +
            "p_min/(‖W‖_F·max_i‖h_i‖) is unchanged. Measured: largest relative deviation.",
        Source = "The scaling objection of the ICLR reviewers of Gao et al. 2023 (p_min inflated by scaling M or z); derived",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Text("marginFactor", "ab", "the claimed factor of every margin: ab (the statement) or a, the feature scale forgotten (deliberately false variant, falsifier)", "ab", "a"),
        ],
        Falsifiers =
        [
            Falsifier.Of("feature-scale-forgotten", "margins multiplied by a instead of ab (the feature scale b forgotten)", ("marginFactor", "a")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var withB = p.Text("marginFactor") == "ab";
        return RunCases(p, context, 1e-10, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var a = ClaimRandom.LogUniform(rng, 1e-2, 1e2);
            var b = ClaimRandom.LogUniform(rng, 1e-2, 1e2);
            var m1 = s.Metrics().Margins!;
            var scaled = s with { X = s.X.Select(v => v * b).ToArray() };
            var m2 = scaled.Metrics(a).Margins!;
            double Rel(double u, double v) => Math.Abs(u - v) / Math.Max(1e-300, Math.Max(Math.Abs(u), Math.Abs(v)));
            var f = withB ? a * b : a;
            var err = Math.Max(Rel(f * m1.MinMargin, m2.MinMargin), Rel(m1.NormalizedMargin, m2.NormalizedMargin));
            for (var k = 0; k < s.K; k++)
                for (var l = 0; l < s.K; l++)
                    if (k != l) err = Math.Max(err, Rel(f * m1.ClassPair[k, l], m2.ClassPair[k, l]));
            return CaseOutcome.Equal(err, 0, $"{s} a={CaseOutcome.F(a)} b={CaseOutcome.F(b)}: p_min {CaseOutcome.F(m1.MinMargin)} → {CaseOutcome.F(m2.MinMargin)}, normalized "
                + $"{CaseOutcome.F(m1.NormalizedMargin)} → {CaseOutcome.F(m2.NormalizedMargin)}");
        });
    }
}
