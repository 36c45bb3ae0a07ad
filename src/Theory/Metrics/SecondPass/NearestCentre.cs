using Collapse.Theory.Numerics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// The nearest-class-centre (NCC) decision argmin_k ‖h − μ_k‖ of the second pass (ties: lowest index), from which
/// <c>nccAccuracy</c> and NC4 are counted (Papyan, Han &amp; Donoho 2020, "Prevalence of neural collapse during the
/// terminal phase of deep learning training", PNAS, Fig. 7). A blocked screening product gives the scores
/// s_k = ‖μ_k‖² − 2 h·μ_k (float32, or float64 when the model says so); when the top-2 gap lies inside the proven band
/// <see cref="EvaluationModel.ScreenBand"/>, the candidates are rechecked with the exact float64 scalar distances
/// Σ_j (h_j − μ_kj)², so the decision always equals the scalar one (docs/metrics.md).
/// </summary>
internal static class NearestCentre
{
    /// <summary>
    /// The screening product of a block of <paramref name="b"/> rows: h·μ_k for every row and class, in float32 from
    /// <paramref name="rows32"/> (or from <paramref name="rows"/> converted here) or in float64. Returns the leading
    /// dimension of the score rows and the buffer that holds them (the other is null).
    /// </summary>
    public static (int Ld, float[]? Scores32, double[]? Scores64) Screen(EvaluationModel model, ReadOnlySpan<double> rows,
        ReadOnlySpan<float> rows32, int b, SampleScratch scratch)
    {
        var d = model.Dim;
        if (model.Means32 is { } m32)
        {
            ReadOnlySpan<float> x32 = rows32;
            if (x32.Length < (long)b * d)
            {
                var buf = SampleScratch.Ensure(ref scratch.X32, (long)b * d);
                for (var i = 0; i < b * d; i++) buf[i] = (float)rows[i];
                x32 = buf;
            }
            var ld = m32.PaddedRows;
            var scores32 = SampleScratch.Ensure(ref scratch.Scores32, (long)b * ld);
            DenseGemm.MultiplyTransposed<float, SingleOps>(x32, b, d, m32, scores32, ld);
            return (ld, scores32, null);
        }
        var m64 = model.Means64!;
        var ld64 = m64.PaddedRows;
        var scores64 = SampleScratch.Ensure(ref scratch.Scores64, (long)b * ld64);
        DenseGemm.MultiplyTransposed<double, DoubleOps>(rows, b, d, m64, scores64, ld64);
        return (ld64, null, scores64);
    }

    /// <summary>
    /// argmin_k ‖h − μ_k‖ exactly as the scalar formula decides it (lowest index on ties), from the screened products
    /// <paramref name="s32"/> or <paramref name="s64"/> of the row; counts a recheck in <paramref name="totals"/>.
    /// </summary>
    public static int Decide(EvaluationModel model, ReadOnlySpan<double> h, double hNorm, ReadOnlySpan<float> s32, ReadOnlySpan<double> s64,
        double[] scoreRow, SampleTotals totals)
    {
        int k = model.Classes;
        var sc = scoreRow.AsSpan(0, k);
        var n2 = model.MeanNorm2;
        var screenable = model.Means64 is not null || hNorm * model.MeanNormMax < EvaluationModel.Float32ProductLimit;
        if (screenable)
        {
            var min = model.Means32 is not null ? VectorRow.Scores(n2, s32, sc) : VectorRow.Scores(n2, s64, sc);
            if (double.IsFinite(min))
            {
                var threshold = min + model.ScreenBand(hNorm);
                if (VectorRow.CountAtMost(sc, threshold) == 1) return VectorRow.IndexOf(sc, min);
                totals.NccRechecks++;
                var best = double.PositiveInfinity;
                var arg = 0;
                for (var c = 0; c < k; c++)
                {
                    if (!(sc[c] <= threshold)) continue;
                    var dist = ScalarDistance(h, model.Means.AsSpan(c * model.Dim, model.Dim));
                    if (dist < best) { best = dist; arg = c; }
                }
                return arg;
            }
        }
        totals.NccRechecks++;
        return Scalar(model, h);
    }

    /// <summary>Σ_j (h_j − μ_j)², sequential, no fused multiply-add: the reference formula of the nearest-centre decision.</summary>
    public static double ScalarDistance(ReadOnlySpan<double> h, ReadOnlySpan<double> mu)
    {
        double dist = 0;
        for (var j = 0; j < h.Length; j++)
        {
            var t = h[j] - mu[j];
            dist += t * t;
        }
        return dist;
    }

    /// <summary>The scalar reference decision: argmin_k of <see cref="ScalarDistance"/> over every class (lowest index on ties).</summary>
    public static int Scalar(EvaluationModel model, ReadOnlySpan<double> h)
    {
        var best = double.PositiveInfinity;
        var arg = 0;
        for (var c = 0; c < model.Classes; c++)
        {
            var dist = ScalarDistance(h, model.Means.AsSpan(c * model.Dim, model.Dim));
            if (dist < best) { best = dist; arg = c; }
        }
        return arg;
    }
}
