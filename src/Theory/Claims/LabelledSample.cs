using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims;

/// <summary>A random labelled instance for the metric and margin claims: features around Gaussian centres and a classifier.</summary>
internal sealed record LabelledSample(double[] X, int[] Y, int K, int D, Matrix<double> W)
{
    public int N => Y.Length;

    /// <summary>
    /// K ∈ [2, maxClasses], d ∈ [K−1, K+5], 1..maxPerClass samples per class (every class present), centres of scale
    /// <paramref name="spread"/>, isotropic noise <paramref name="noise"/>, Gaussian W (K×d).
    /// </summary>
    public static LabelledSample Draw(Random rng, int maxClasses = 7, int maxPerClass = 6, double spread = 3, double noise = 1)
    {
        var k = 2 + rng.Next(maxClasses - 1);
        var d = Math.Max(1, k - 1 + rng.Next(7));
        var counts = Enumerable.Range(0, k).Select(_ => 1 + rng.Next(maxPerClass)).ToArray();
        var n = counts.Sum();
        var centres = RandomOrthogonal.Gaussian(k, d, rng) * spread;
        var x = new double[n * d];
        var y = new int[n];
        var i = 0;
        for (var c = 0; c < k; c++)
            for (var r = 0; r < counts[c]; r++, i++)
            {
                y[i] = c;
                for (var j = 0; j < d; j++) x[i * d + j] = centres[c, j] + noise * ClaimRandom.Normal(rng);
            }
        return new LabelledSample(x, y, k, d, RandomOrthogonal.Gaussian(k, d, rng));
    }

    /// <summary>Metric report with the bias-free classifier <see cref="W"/> scaled by <paramref name="classifierScale"/>.</summary>
    public MetricReport Metrics(double classifierScale = 1) => NcMetrics.Compute(X, Y, K, D, new Classifier(W * classifierScale));

    /// <summary>Row-major N×K logits z_i = s·W h_i.</summary>
    public double[] Logits(double scale = 1)
    {
        var z = new double[N * K];
        var c = new Classifier(W * scale);
        for (var i = 0; i < N; i++) c.Logits(X.AsSpan(i * D, D), z.AsSpan(i * K, K));
        return z;
    }

    public override string ToString() => $"K={K} d={D} N={N}";
}
