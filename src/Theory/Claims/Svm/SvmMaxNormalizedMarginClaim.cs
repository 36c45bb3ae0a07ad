using Collapse.Theory.Etf;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics;
using Collapse.Theory.Svm;

namespace Collapse.Theory.Claims.Svm;

/// <summary>No classifier has a larger normalized margin p_min(W)/‖W‖_F than the SVM (its certified upper bound).</summary>
public sealed class SvmMaxNormalizedMarginClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("svm-maximises-normalized-margin", ClaimKind.Inequality)
    {
        Title = "The SVM direction has the largest normalized margin p_min(W)/‖W‖_F",
        Statement =
            "For separable data and any W ≠ 0: p_min(W)/‖W‖_F ≤ 1/√(2D(λ)) (weak duality, λ the SVM dual), and the SVM attains " +
            "p_min(Ŵ)/‖Ŵ‖_F = 1/‖Ŵ‖_F. Checked on 200 W per case (random, and random perturbations of Ŵ of relative size 1e-6..1). " +
            "Measured: the largest normalized margin found; expected: the certified upper bound. Informative: the SVM's margin normalized by ‖Ŵ‖₂ exceeds the certified bound (the "
                + "spectral-norm variant is refuted on the case; not when Ŵ has rank 1, e.g. K = 2); tightness: the best other W's normalized margin / the certified bound.",
        Source = "Crammer & Singer 2001; Soudry et al. 2018 (limit direction of GD on CE); Gao et al. 2023 [reconstructed]",
        References = ["crammer2001", "soudry2018", "gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 5, "largest number of classes K drawn", min: 2, max: 50),
            ClaimParameter.Text("norm", "frobenius", "the norm normalizing the margin: frobenius (the statement) or spectral, ‖W‖₂ ≤ ‖W‖_F (deliberately false variant, "
                + "falsifier)", "frobenius", "spectral"),
        ],
        Falsifiers =
        [
            Falsifier.Of("spectral-norm", "the margin normalized by the spectral norm ‖W‖₂ instead of ‖W‖_F", ("norm", "spectral")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var spectral = p.Text("norm") == "spectral";
        return RunCases(p, context, 1e-9, seed =>
        {
            var rng = new Random(seed);
            var (x, y, k, d, shape) = SvmInstances.Draw(rng, maxK);
            var sol = MulticlassSvm.Solve(x, y, k);
            var upper = sol.Certificate.MarginUpperBound;
            var svm = NormalizedMargin(new Classifier(sol.W), x, y, d, spectral);
            var best = double.NegativeInfinity;
            for (var t = 0; t < 200; t++)
            {
                var g = RandomOrthogonal.Gaussian(k, d, rng);
                var w = t % 2 == 0 ? g : sol.W + ClaimRandom.LogUniform(rng, 1e-6, 1) * sol.W.FrobeniusNorm() / g.FrobeniusNorm() * g;
                best = Math.Max(best, NormalizedMargin(new Classifier(w), x, y, d, spectral));
            }
            var excess = Math.Max(best - upper, Math.Abs(svm - sol.Certificate.Margin)) / upper;
            var svmSpectral = spectral ? svm : NormalizedMargin(new Classifier(sol.W), x, y, d, spectral: true);
            return new CaseOutcome(Math.Max(best, svm), upper, excess,
                $"{shape}: SVM margin {CaseOutcome.F(svm)} (certified ≤ {CaseOutcome.F(upper)}), best other W {CaseOutcome.F(best)}")
            {
                Tightness = best / upper,
                Informative = (svmSpectral - upper) / upper > 1e-9,
            };
        });
    }

    private static double NormalizedMargin(Classifier c, double[] x, int[] y, int d, bool spectral)
    {
        Span<double> z = stackalloc double[c.Classes];
        var min = double.PositiveInfinity;
        for (var i = 0; i < y.Length; i++)
        {
            c.Logits(x.AsSpan(i * d, d), z);
            min = Math.Min(min, SampleMargin.Of(z, y[i]));
        }
        return min / (spectral ? c.Weights.L2Norm() : c.Weights.FrobeniusNorm());
    }
}
