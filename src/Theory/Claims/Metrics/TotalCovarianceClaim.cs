using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Law of total covariance with the sample-weighted global mean.</summary>
public sealed class TotalCovarianceClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("total-covariance-decomposition", ClaimKind.Identity)
    {
        Title = "Σ_T = Σ_W + Σ_k (n_k/N)(μ_k − μ_G)(μ_k − μ_G)ᵀ (sample-weighted μ_G)",
        Statement =
            "For any labelled sample with imbalanced classes: (1/N)Σ_i(h_i − μ_G)(h_i − μ_G)ᵀ = Σ_W + Σ_k (n_k/N)(μ_k − μ_G)(μ_k − μ_G)ᵀ " +
            "with μ_G = (1/N)Σ_i h_i and Σ_W, μ_k from the streaming ClassStatistics. Measured: max-abs difference / max-abs Σ_T.",
        Source = "Law of total covariance (classical)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Text("weights", "sample", "weights of the between-class term: sample (n_k/N, the statement) or balanced (1/K, deliberately false variant with imbalanced "
                + "classes, falsifier)", "sample", "balanced"),
        ],
        Falsifiers =
        [
            Falsifier.Of("class-balanced-weights", "the between-class term weighted 1/K instead of n_k/N", ("weights", "balanced")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var balanced = p.Text("weights") == "balanced";
        return RunCases(p, context, 1e-12, seed =>
        {
            var s = LabelledSample.Draw(new Random(seed), maxK, maxPerClass: 10);
            var st = ClassStatisticsAccumulator.Of(s.X, s.Y, s.K, s.D);
            var g = st.GlobalMean(GlobalMeanKind.SampleWeighted);
            var total = Matrix<double>.Build.Dense(s.D, s.D);
            for (var i = 0; i < s.N; i++)
            {
                var v = Vector<double>.Build.DenseOfArray(s.X.AsSpan(i * s.D, s.D).ToArray()) - g;
                total += v.OuterProduct(v);
            }
            total /= s.N;
            var between = Matrix<double>.Build.Dense(s.D, s.D);
            for (var c = 0; c < s.K; c++)
            {
                var v = st.Means.Row(c) - g;
                between += v.OuterProduct(v) * (balanced ? 1.0 / s.K : (double)st.Counts[c] / st.Total);
            }
            var diff = (total - st.SigmaW - between).Enumerate().Max(Math.Abs) / total.Enumerate().Max(Math.Abs);
            return CaseOutcome.Equal(diff, 0, $"{s} counts [{string.Join(",", st.Counts)}]: relative max-abs difference {CaseOutcome.F(diff)}");
        });
    }
}
