using Collapse.Theory.Margins;
using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Bias-free linear scorer z = W h fitted by the synthetic bound experiments: w_k = B·(μ̂_k − μ̂_G)/‖μ̂_k − μ̂_G‖
/// (class means from <see cref="ClassStatisticsAccumulator"/>), margins from <see cref="SampleMargin"/>.
/// </summary>
internal static class LinearScorer
{
    public static Classifier FitCentredMeans(ReadOnlySpan<double> x, ReadOnlySpan<int> y, int classes, int dim, double normBound)
    {
        var stats = ClassStatisticsAccumulator.Of(x, y, classes, dim, trackScatter: false);
        stats.RequireAllClassesPresent("training sample");
        var w = stats.CentredMeans();
        for (var k = 0; k < classes; k++)
        {
            var n = w.Row(k).L2Norm();
            w.SetRow(k, n > 0 ? w.Row(k) * (normBound / n) : Vector<double>.Build.Dense(dim));
        }
        return new Classifier(w);
    }

    /// <summary>Sample margins q_i = z_{i,y_i} − max_{j≠y_i} z_ij.</summary>
    public static double[] Margins(Classifier c, ReadOnlySpan<double> x, ReadOnlySpan<int> y)
    {
        var q = new double[y.Length];
        var w = c.WeightsRowMajor();
        Span<double> z = stackalloc double[c.Classes];
        for (var i = 0; i < y.Length; i++)
        {
            Logits(w, c.Classes, c.Dim, x.Slice(i * c.Dim, c.Dim), z);
            q[i] = SampleMargin.Of(z, y[i]);
        }
        return q;
    }

    /// <summary>Pair scores z_k − z_l of every sample of class k (in sample order).</summary>
    public static double[] PairScores(Classifier c, ReadOnlySpan<double> x, ReadOnlySpan<int> y, int k, int l)
    {
        var list = new List<double>();
        var w = c.WeightsRowMajor();
        Span<double> z = stackalloc double[c.Classes];
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] != k) continue;
            Logits(w, c.Classes, c.Dim, x.Slice(i * c.Dim, c.Dim), z);
            list.Add(z[k] - z[l]);
        }
        return list.ToArray();
    }

    /// <summary>z = W h for a bias-free row-major W (the hot loop of the experiments).</summary>
    private static void Logits(double[] w, int classes, int dim, ReadOnlySpan<double> h, Span<double> z)
    {
        for (var k = 0; k < classes; k++)
        {
            var row = w.AsSpan(k * dim, dim);
            var s = 0.0;
            for (var j = 0; j < dim; j++) s += row[j] * h[j];
            z[k] = s;
        }
    }
}
