using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>Transformations of instances used by the invariance properties.</summary>
public static class Transform
{
    /// <summary>h ↦ Q h (rows: x Qᵀ), W ↦ W Qᵀ.</summary>
    public static Instance Rotate(Instance t, Matrix<double> q)
    {
        var x = new double[t.X.Length];
        for (int i = 0; i < t.N; i++)
            for (int r = 0; r < t.D; r++)
            {
                double s = 0;
                for (int j = 0; j < t.D; j++) s += q[r, j] * t.X[i * t.D + j];
                x[i * t.D + r] = s;
            }
        return t with { X = x, W = t.W.TransposeAndMultiply(q) };
    }

    /// <summary>h ↦ c h, b ↦ c b (so logits scale by c).</summary>
    public static Instance Scale(Instance t, double c) =>
        t with { X = t.X.Select(v => v * c).ToArray(), B = t.B * c };

    /// <summary>Relabel class k as π(k); rows of W and b move with their class.</summary>
    public static Instance Relabel(Instance t, int[] pi)
    {
        var w = Matrix<double>.Build.Dense(t.K, t.D);
        var b = Vector<double>.Build.Dense(t.K);
        for (int k = 0; k < t.K; k++) { w.SetRow(pi[k], t.W.Row(k)); b[pi[k]] = t.B[k]; }
        return t with { Y = t.Y.Select(y => pi[y]).ToArray(), W = w, B = b };
    }

    public static MetricReport Metrics(Instance t, bool bias = true) =>
        NcMetrics.Compute(t.X, t.Y, t.K, t.D, new Classifier(t.W, bias ? t.B : null));
}
