using Collapse.Theory.Loss;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Margins;

/// <summary>Per-thread buffers of <see cref="SampleBlock"/> (grown on demand, never shrunk).</summary>
public sealed class SampleScratch
{
    internal float[] X32 = [];
    internal double[] Centred = [];
    internal float[] Scores32 = [];
    internal double[] Scores64 = [];
    internal double[] Projected = [];
    internal double[] Logits = [];
    internal double[] Norms = [];
    internal double[] Row = [];
    internal double[] Reference = [];

    internal static T[] Ensure<T>(ref T[] a, long n)
    {
        if (a.Length < n) a = new T[checked((int)Math.Max(n, a.Length + a.Length / 2))];
        return a;
    }
}

/// <summary>
/// The second-pass kernel on a block of rows: three blocked products (<see cref="DenseGemm"/>) and one SIMD sweep per
/// row. (1) Nearest class centre: scores s_k = ‖μ_k‖² − 2 h·μ_k from a float32 product (float64 when the model says
/// so), argmin, and, when the top-2 gap is inside the proven band <see cref="EvaluationModel.ScreenBand"/>, the exact
/// float64 scalar distances Σ_j (h_j − μ_kj)² of the candidates (the original formula, lowest index on ties), so the
/// decision always equals the scalar one. (2) nc1: ‖P(h − μ_y)‖² from the float64 product of the centred rows.
/// (3) Logits z = W h + b in float64: argmax and the margin sign are rechecked with the scalar logits whenever the
/// blocked ones are within <see cref="EvaluationModel.LogitGap"/> of a tie; then p_min, γ_yl, CE, log CE and the
/// smoothed margin. Rows with a non-finite value take the scalar reference path for every decision.
/// </summary>
public static unsafe class SampleBlock
{
    /// <summary>
    /// Processes <paramref name="labels"/>.Length rows: <paramref name="rows"/> row-major float64, and optionally the same
    /// rows as float32 (<paramref name="rows32"/>, exact when the file stores float32; converted here otherwise).
    /// Updates <paramref name="totals"/> and, for rows whose class lies in its band, <paramref name="pairs"/>. When
    /// <paramref name="within"/> is not empty (one entry per row), writes ‖h_i − μ_{y_i}‖² there: the terms of the two-pass
    /// within-class sums with the final means, which the caller adds in row order.
    /// </summary>
    public static void Process(EvaluationModel model, ReadOnlySpan<double> rows, ReadOnlySpan<float> rows32, ReadOnlySpan<int> labels,
        SampleScratch scratch, SampleTotals totals, PairMarginBlock? pairs, Span<double> within = default)
    {
        int b = labels.Length, d = model.Dim, k = model.Classes;
        if (b == 0) return;
        if (rows.Length < (long)b * d) throw new ArgumentException("rows too short", nameof(rows));
        var norms = SampleScratch.Ensure(ref scratch.Norms, b);
        var finite = true;
        for (var i = 0; i < b; i++)
        {
            norms[i] = Math.Sqrt(Statistics.BlockStatistics.SumOfSquares(rows.Slice(i * d, d)));
            if (!double.IsFinite(norms[i])) finite = false;
        }

        // (1) Screening product.
        int ldScore;
        float[]? scores32 = null;
        double[]? scores64 = null;
        if (model.Means32 is { } m32)
        {
            ReadOnlySpan<float> x32 = rows32;
            if (x32.Length < (long)b * d)
            {
                var buf = SampleScratch.Ensure(ref scratch.X32, (long)b * d);
                for (var i = 0; i < b * d; i++) buf[i] = (float)rows[i];
                x32 = buf;
            }
            ldScore = m32.PaddedRows;
            scores32 = SampleScratch.Ensure(ref scratch.Scores32, (long)b * ldScore);
            DenseGemm.MultiplyTransposed<float, SingleOps>(x32, b, d, m32, scores32, ldScore);
        }
        else
        {
            var m64 = model.Means64!;
            ldScore = m64.PaddedRows;
            scores64 = SampleScratch.Ensure(ref scratch.Scores64, (long)b * ldScore);
            DenseGemm.MultiplyTransposed<double, DoubleOps>(rows, b, d, m64, scores64, ldScore);
        }

        // (2) Centred rows h − μ_y: the within-class sums and the nc1 projection.
        var proj = model.Projection;
        if (proj is not null || !within.IsEmpty)
        {
            var c = SampleScratch.Ensure(ref scratch.Centred, (long)b * d);
            for (var i = 0; i < b; i++)
            {
                var h = rows.Slice(i * d, d);
                var mu = model.Means.AsSpan(labels[i] * d, d);
                var dst = c.AsSpan(i * d, d);
                for (var j = 0; j < d; j++) dst[j] = h[j] - mu[j];
                if (!within.IsEmpty) within[i] = Statistics.BlockStatistics.SumOfSquares(dst);
            }
        }
        if (proj is not null)
        {
            var c = scratch.Centred;
            var ld = proj.PaddedRows;
            var t = SampleScratch.Ensure(ref scratch.Projected, (long)b * ld);
            DenseGemm.MultiplyTransposed<double, DoubleOps>(c, b, d, proj, t, ld);
            for (var i = 0; i < b; i++)
                totals.Nc1.Add(Statistics.BlockStatistics.SumOfSquares(t.AsSpan(i * ld, model.Nc1Rank)));
        }

        // (3) Logits.
        var ldz = 0;
        double[]? z = null;
        if (model.WPanels is { } wp)
        {
            ldz = wp.PaddedRows;
            z = SampleScratch.Ensure(ref scratch.Logits, (long)b * ldz);
            DenseGemm.MultiplyTransposed<double, DoubleOps>(rows, b, d, wp, z, ldz);
            if (model.Bias is { } bias)
                for (var i = 0; i < b; i++)
                {
                    var zr = z.AsSpan(i * ldz, k);
                    for (var c = 0; c < k; c++) zr[c] += bias[c];
                }
        }

        var score = SampleScratch.Ensure(ref scratch.Row, k);
        for (var i = 0; i < b; i++)
        {
            var h = rows.Slice(i * d, d);
            var y = labels[i];
            if (!finite && !double.IsFinite(norms[i]))
            {
                ReferenceRow(model, h, y, scratch, totals, pairs);
                continue;
            }
            var ncc = NearestCentre(model, h, norms[i],
                scores32 is null ? default : scores32.AsSpan(i * ldScore, k), scores64 is null ? default : scores64.AsSpan(i * ldScore, k), score, totals);
            totals.Count++;
            if (ncc == y) totals.NccCorrect++;
            if (z is null) continue;
            var zrow = z.AsSpan(i * ldz, k);
            var (zmax, allFinite) = VectorRow.MaxAndFinite(zrow);
            if (!allFinite)
            {
                totals.Count--;
                if (ncc == y) totals.NccCorrect--;
                ReferenceRow(model, h, y, scratch, totals, pairs);
                continue;
            }
            LogitRow(model, h, norms[i], zmax, y, ncc, zrow, totals, pairs);
        }
    }

    /// <summary>argmin_k ‖h − μ_k‖ exactly as the scalar formula decides it (lowest index on ties).</summary>
    private static int NearestCentre(EvaluationModel model, ReadOnlySpan<double> h, double hNorm, ReadOnlySpan<float> s32, ReadOnlySpan<double> s64,
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
        return ScalarNearest(model, h);
    }

    /// <summary>Σ_j (h_j − μ_j)², sequential, no fused multiply-add: the reference formula of the nearest-centre decision.</summary>
    internal static double ScalarDistance(ReadOnlySpan<double> h, ReadOnlySpan<double> mu)
    {
        double dist = 0;
        for (var j = 0; j < h.Length; j++)
        {
            var t = h[j] - mu[j];
            dist += t * t;
        }
        return dist;
    }

    private static int ScalarNearest(EvaluationModel model, ReadOnlySpan<double> h)
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

    /// <summary>b_c + Σ_j w_cj h_j, sequential from the bias, no fused multiply-add: the reference logit.</summary>
    internal static double ScalarLogit(EvaluationModel model, ReadOnlySpan<double> h, int c)
    {
        var d = model.Dim;
        double s = model.Bias is null ? 0 : model.Bias[c];
        var w = model.W!.AsSpan(c * d, d);
        for (var j = 0; j < d; j++) s += w[j] * h[j];
        return s;
    }

    private static void LogitRow(EvaluationModel model, ReadOnlySpan<double> h, double hNorm, double zmax, int y, int ncc, Span<double> z,
        SampleTotals totals, PairMarginBlock? pairs)
    {
        var k = z.Length;
        var gap = model.LogitGap(hNorm);
        var band = zmax - 2 * gap;
        var zy = z[y];
        z[y] = double.NegativeInfinity;
        var (other, count) = VectorRow.MaxAndCountAtLeast(z, band); // max_{j≠y} z_j; entries ≠ y within the band
        if (zy >= band) count++;
        var rechecked = false;
        int arg;
        if (count == 1) arg = zy >= band ? y : VectorRow.IndexOf(z, zmax);
        else
        {
            z[y] = zy;
            rechecked = true;
            arg = 0;
            var best = double.NegativeInfinity;
            var first = true;
            for (var c = 0; c < k; c++)
            {
                if (!(z[c] >= band)) continue;
                var v = ScalarLogit(model, h, c);
                if (first || v > best) { best = v; arg = c; first = false; }
            }
            z[y] = double.NegativeInfinity;
        }
        if (arg != ncc) totals.Nc4Mismatch++;

        var q = zy - other;
        bool correct;
        if (Math.Abs(q) > 2 * gap || double.IsInfinity(other)) correct = q > 0;
        else
        {
            rechecked = true;
            var best = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c == y || !(z[c] >= other - 2 * gap)) continue;
                var v = ScalarLogit(model, h, c);
                if (v > best) best = v;
            }
            correct = ScalarLogit(model, h, y) - best > 0;
        }
        if (rechecked) totals.LogitRechecks++;
        if (correct) totals.Correct++;
        if (q < totals.MinMargin) totals.MinMargin = q;

        // γ_y· and the CE in the margin form: a = LSE_{j≠y}(z_j − z_y) with shift m = max_{j≠y}(z_j − z_y).
        var m = other - zy;
        var row = pairs is not null && pairs.Holds(y) ? pairs.Row(y) : default;
        double a;
        if (double.IsInfinity(m))
        {
            if (!row.IsEmpty) VectorRow.MinOfDifference(row, zy, z);
            a = m;
        }
        else a = m + Math.Log(VectorRow.PairMinAndSumExp(row, zy, z, m));
        z[y] = zy;
        var sp = LogSumExp.Softplus(a);
        totals.Loss.Add(sp);
        totals.LogLoss.Add(a < -30 ? LogSumExp.LogSoftplus(a) : Math.Log(sp));
        totals.Smoothed.Add(a);
    }

    /// <summary>The scalar reference for one row (any non-finite value): every decision by the original formulas.</summary>
    private static void ReferenceRow(EvaluationModel model, ReadOnlySpan<double> h, int y, SampleScratch scratch, SampleTotals totals, PairMarginBlock? pairs)
    {
        var ncc = ScalarNearest(model, h);
        totals.Count++;
        if (ncc == y) totals.NccCorrect++;
        if (model.W is null) return;
        var k = model.Classes;
        var z = SampleScratch.Ensure(ref scratch.Reference, k).AsSpan(0, k);
        for (var c = 0; c < k; c++) z[c] = ScalarLogit(model, h, c);
        var arg = SampleMargin.ArgMax(z);
        if (arg != ncc) totals.Nc4Mismatch++;
        var q = SampleMargin.Of(z, y);
        if (q > 0) totals.Correct++;
        if (q < totals.MinMargin) totals.MinMargin = q;
        if (pairs is not null && pairs.Holds(y))
        {
            var row = pairs.Row(y);
            for (var l = 0; l < k; l++)
            {
                if (l == y) continue;
                var g = z[y] - z[l];
                if (g < row[l]) row[l] = g;
            }
        }
        var a = CrossEntropy.InnerLogSum(z, y);
        totals.Loss.Add(LogSumExp.Softplus(a));
        totals.LogLoss.Add(LogSumExp.LogSoftplus(a));
        totals.Smoothed.Add(a);
    }
}
