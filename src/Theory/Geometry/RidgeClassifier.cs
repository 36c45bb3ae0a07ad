namespace Collapse.Theory.Geometry;

/// <summary>
/// The classifier that minimises the regularised squared loss for fixed features (the "central path" of Han, Papyan,
/// Donoho 2022): W*(H) = argmin_W (1/(2N))‖W H − Y‖_F² + (λ_W/2)‖W‖_F² = Y Hᵀ (H Hᵀ + N λ_W I_d)⁻¹ (H d×N, Y K×N
/// one-hot). With features stored sample-major (row i = h_i) this is row k of W* = (Σ_{y_i=k} h_i)ᵀ A⁻¹ with
/// A = Σ_i h_i h_iᵀ + r I_d and ridge r = N λ_W.
/// </summary>
/// <remarks>
/// Han, Papyan, Donoho (2022), "Neural collapse under MSE loss: proximity to and dynamics on the central path", ICLR;
/// the closed form in this normalisation-free shape, W*(H) = Y Hᵀ(H Hᵀ + n λ_W I)⁻¹ for the objective
/// (1/(2Kn))‖WH − Y‖² + (λ_W/(2K))‖W‖², is Tirer, Huang, Niles-Weed (2023), "Perturbation analysis of neural collapse",
/// ICML. Both are the same ridge: r = N λ_W in the normalisation above equals n λ_W^TB with λ_W^TB = K λ_W.
/// </remarks>
public static class RidgeClassifier
{
    /// <summary>
    /// W*(H) (K×d row-major) for sample-major features (N×d), labels in [0, K) and ridge r &gt; 0 (r = N λ_W for the
    /// normalisation of <see cref="RidgeClassifier"/>). O(N d² + d³); allocation-free apart from the result when
    /// <paramref name="work"/> (≥ d² + d values) is given.
    /// </summary>
    public static double[] Solve(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim, double ridge, double[]? work = null)
    {
        var w = new double[classes * dim];
        SolveInto(features, labels, classes, dim, ridge, w, work);
        return w;
    }

    /// <summary>As <see cref="Solve"/>, writing W* into <paramref name="result"/> (K·d values).</summary>
    public static void SolveInto(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim, double ridge, Span<double> result, double[]? work = null)
    {
        int d = dim, n = labels.Length;
        if (features.Length != n * d) throw new ArgumentException($"features have {features.Length} values, expected N·d = {n}·{d}", nameof(features));
        if (result.Length != classes * d) throw new ArgumentException($"result needs K·d = {classes * d} values", nameof(result));
        if (!(ridge > 0) || double.IsInfinity(ridge)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "the ridge must be finite and > 0");
        work ??= new double[d * d + d];
        if (work.Length < d * d + d) throw new ArgumentException($"work needs d² + d = {d * d + d} values", nameof(work));
        var a = work.AsSpan(0, d * d);
        var y = work.AsSpan(d * d, d);
        a.Clear();
        result.Clear();
        for (var i = 0; i < n; i++)
        {
            var h = features.Slice(i * d, d);
            var c = labels[i];
            if ((uint)c >= (uint)classes) throw new ArgumentException($"label {c} at sample {i} is outside 0..{classes - 1}", nameof(labels));
            for (var p = 0; p < d; p++)
            {
                var hp = h[p];
                result[c * d + p] += hp;
                for (var q = 0; q <= p; q++) a[p * d + q] += hp * h[q];
            }
        }
        for (var p = 0; p < d; p++) a[p * d + p] += ridge;
        // Cholesky A = L Lᵀ (lower triangle in place).
        for (var j = 0; j < d; j++)
        {
            var s = a[j * d + j];
            for (var m = 0; m < j; m++) s -= a[j * d + m] * a[j * d + m];
            if (!(s > 0)) throw new ArithmeticException("H Hᵀ + rI is not positive definite (non-finite features?)");
            var l = Math.Sqrt(s);
            a[j * d + j] = l;
            for (var i = j + 1; i < d; i++)
            {
                var t = a[i * d + j];
                for (var m = 0; m < j; m++) t -= a[i * d + m] * a[j * d + m];
                a[i * d + j] = t / l;
            }
        }
        // Each row b_k of B (K×d): w_k = A⁻¹ b_k (A symmetric), by forward and back substitution.
        for (var c = 0; c < classes; c++)
        {
            var row = result.Slice(c * d, d);
            for (var i = 0; i < d; i++)
            {
                var t = row[i];
                for (var m = 0; m < i; m++) t -= a[i * d + m] * y[m];
                y[i] = t / a[i * d + i];
            }
            for (var i = d - 1; i >= 0; i--)
            {
                var t = y[i];
                for (var m = i + 1; m < d; m++) t -= a[m * d + i] * row[m];
                row[i] = t / a[i * d + i];
            }
        }
    }
}
