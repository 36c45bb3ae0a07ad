using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Geometry;

/// <summary>
/// Strong neural collapse of the unregularised MSE UFM with bias (Mixon, Parshall, Pi 2022): for n samples per class,
/// W Wᵀ = √n (I_K − 11ᵀ/K), h_{k,i} = w_k/√n (H = n^{−1/2}(W ⊗ 1_nᵀ) in the d×N layout) and b = (1/K)1. Such a point
/// interpolates (W H + b1ᵀ = Y) and is balanced (WᵀW = HHᵀ). The set is invariant under rotations of the feature space,
/// so distances to it are measured through rotation-invariant quantities.
/// </summary>
/// <remarks>
/// Mixon, Parshall, Pi, "Neural collapse with unconstrained features", Sampling Theory, Signal Processing, and Data
/// Analysis 20 (2022); arXiv 2011.11619. The statement that gradient flow from a small initialisation approaches this
/// set is theirs ([reconstructed] from the abstract and secondary sources: the exact conditions on the initialisation
/// are not quoted here).
/// </remarks>
public static class StrongNeuralCollapse
{
    /// <summary>
    /// A strong-collapse point: W = n^{1/4} times the standard simplex ETF scaled so that W Wᵀ = √n P_K, rows of H
    /// (sample-major, class-sorted labels) h_{k,i} = w_k/√n, b = 1/K.
    /// </summary>
    public static (Matrix<double> W, Matrix<double> H, Vector<double> B, int[] Labels) Point(int classes, int dim, int perClass)
    {
        var etf = Etf.SimplexEtf.Standard(classes, dim); // unit rows, Gram (K/(K−1)) P_K
        var w = etf * Math.Sqrt(Math.Sqrt(perClass) * (classes - 1.0) / classes);
        var n = classes * perClass;
        var h = Matrix<double>.Build.Dense(n, dim);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i / perClass;
            h.SetRow(i, w.Row(labels[i]) / Math.Sqrt(perClass));
        }
        return (w, h, Vector<double>.Build.Dense(classes, 1.0 / classes), labels);
    }

    /// <summary>
    /// Relative distances of (W, H, b) from the strong-collapse set: ‖W Wᵀ − g P_K‖_F/‖g P_K‖_F with g =
    /// <paramref name="gramScale"/> (√n for the statement), ‖H − n^{−1/2} W_y‖_F/‖n^{−1/2} W_y‖_F (row i of W_y is w_{y_i}),
    /// and ‖b − β1‖/‖β1‖ with β = <paramref name="biasTarget"/> (1/K for the statement; with β = 0 the absolute ‖b‖).
    /// </summary>
    /// <param name="w">K×d classifier.</param>
    /// <param name="h">N×d features (row i = h_i).</param>
    /// <param name="b">Bias (K).</param>
    /// <param name="labels">y_i.</param>
    /// <param name="perClass">n (the classes must be balanced).</param>
    /// <param name="gramScale">g.</param>
    /// <param name="biasTarget">β.</param>
    public static StrongCollapseDistance Distance(Matrix<double> w, Matrix<double> h, Vector<double> b, IReadOnlyList<int> labels, int perClass,
        double gramScale, double biasTarget)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(labels);
        int k = w.RowCount, d = w.ColumnCount;
        if (h.ColumnCount != d || h.RowCount != labels.Count || b.Count != k) throw new ArgumentException("W (K×d), H (N×d), b (K) and labels (N) do not match");
        var p = Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k);
        var target = gramScale * p;
        var gram = (w.TransposeAndMultiply(w) - target).FrobeniusNorm() / target.FrobeniusNorm();
        double num = 0, den = 0;
        var s = 1 / Math.Sqrt(perClass);
        for (var i = 0; i < labels.Count; i++)
            for (var j = 0; j < d; j++)
            {
                var t = s * w[labels[i], j];
                var e = h[i, j] - t;
                num += e * e;
                den += t * t;
            }
        var bias = (b - Vector<double>.Build.Dense(k, biasTarget)).L2Norm();
        if (biasTarget != 0) bias /= Math.Abs(biasTarget) * Math.Sqrt(k);
        return new StrongCollapseDistance(gram, den > 0 ? Math.Sqrt(num / den) : double.PositiveInfinity, bias);
    }
}

/// <summary>Relative distances of a UFM point from the strong-collapse set (see <see cref="StrongNeuralCollapse.Distance"/>).</summary>
/// <param name="ClassifierGram">‖W Wᵀ − g P_K‖_F/‖g P_K‖_F.</param>
/// <param name="Features">‖H − n^{−1/2} W_y‖_F/‖n^{−1/2} W_y‖_F.</param>
/// <param name="Bias">‖b − β1‖/‖β1‖.</param>
public sealed record StrongCollapseDistance(double ClassifierGram, double Features, double Bias)
{
    /// <summary>The largest of the three (the distance the claim reports).</summary>
    public double Max => Math.Max(ClassifierGram, Math.Max(Features, Bias));
}
