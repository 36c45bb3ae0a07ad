using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>Within-class variability of held-out features about reference (train) class means.</summary>
/// <param name="Nc1">(1/K) Tr(Σ_W^held Σ_B⁺): Σ_W^held about the train means, Σ_B of the train means (rank-(K−1) truncated).</param>
/// <param name="Nc1TraceRatio">Tr Σ_W^held / Tr Σ_B.</param>
/// <param name="Cdnv">mean_{k&lt;l} (σ_k² + σ_l²)/(2‖μ_k − μ_l‖²) with σ_k² the held-out spread about the train mean μ_k.</param>
/// <param name="NccAccuracy">Accuracy of the nearest train class mean on the held-out features (ties: lowest index).</param>
public sealed record HeldOutCollapseReport(double Nc1, double Nc1TraceRatio, double Cdnv, double NccAccuracy);

/// <summary>
/// NC1, its trace ratio and the CDNV of held-out (test) features measured against the train class means: the test-set
/// collapse of Hui, Belkin, Nakkiran (2022), "Limitations of neural collapse for understanding generalization in deep
/// learning" (arXiv 2202.08384), which separates collapse on the train set (an optimisation property) from collapse on
/// the test distribution (a generalisation property). The formulas are the canonical ones of docs/conventions.md
/// (<see cref="Metrics.Nc1"/>, <see cref="Metrics.Nc1TraceRatio"/>, <see cref="Metrics.Cdnv"/>) applied to statistics
/// whose means are the train means and whose within-class scatter is that of the held-out features about them.
/// </summary>
public static class HeldOutCollapse
{
    /// <summary>Measures <paramref name="features"/> (N×d row-major, labels in [0, K)) against <paramref name="reference"/>'s class means.</summary>
    /// <exception cref="InputException">Non-finite features, wrong shape, a label out of range, or a class without held-out samples.</exception>
    public static HeldOutCollapseReport Compute(ClassStatistics reference, ReadOnlySpan<double> features, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.RequireAllClassesPresent("reference labels");
        var stats = About(reference, features, labels);
        stats.RequireAllClassesPresent("held-out labels");
        int k = reference.Classes, d = reference.Dim;
        var correct = 0L;
        for (var i = 0; i < labels.Length; i++)
        {
            var h = features.Slice(i * d, d);
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++) { var t = h[j] - reference.Means.At(c, j); s += t * t; }
                if (s < bestDistance) { bestDistance = s; best = c; }
            }
            if (best == labels[i]) correct++;
        }
        return new HeldOutCollapseReport(Metrics.Nc1.Compute(stats), Metrics.Nc1TraceRatio.Compute(stats), Metrics.Cdnv.Compute(stats),
            (double)correct / labels.Length);
    }

    /// <summary>
    /// Statistics of the held-out features about the reference means: Means = the reference means, Counts and
    /// per-class squared deviations and within scatter Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ from the held-out features.
    /// </summary>
    public static ClassStatistics About(ClassStatistics reference, ReadOnlySpan<double> features, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(reference);
        int k = reference.Classes, d = reference.Dim, n = labels.Length;
        if (n == 0 || features.Length != (long)n * d)
            throw new InputException($"held-out features: expected {n}×{d} values for {n} labels, got {features.Length}");
        Validation.InputValidation.CheckFinite(features, d, 0, "held-out features");
        var counts = new long[k];
        var deviation = new double[k];
        var scatter = new double[d * d];
        var r = new double[d];
        double sumSquares = 0, maxNorm = 0;
        for (var i = 0; i < n; i++)
        {
            var y = labels[i];
            if (y < 0 || y >= k) throw new InputException($"held-out labels: label {y} at row {i} is outside 0..{k - 1}");
            var h = features.Slice(i * d, d);
            var norm2 = 0.0;
            var dev = 0.0;
            for (var j = 0; j < d; j++)
            {
                r[j] = h[j] - reference.Means.At(y, j);
                dev += r[j] * r[j];
                norm2 += h[j] * h[j];
            }
            for (var a = 0; a < d; a++)
            {
                var ra = r[a];
                if (ra == 0) continue;
                var row = scatter.AsSpan(a * d, d);
                for (var b = a; b < d; b++) row[b] += ra * r[b];
            }
            counts[y]++;
            deviation[y] += dev;
            sumSquares += norm2;
            maxNorm = Math.Max(maxNorm, Math.Sqrt(norm2));
        }
        var w = Matrix<double>.Build.Dense(d, d);
        for (var a = 0; a < d; a++)
            for (var b = a; b < d; b++) { w[a, b] = scatter[a * d + b]; w[b, a] = scatter[a * d + b]; }
        return new ClassStatistics(k, d, counts, reference.Means.Clone(), deviation, w, sumSquares, maxNorm);
    }
}
