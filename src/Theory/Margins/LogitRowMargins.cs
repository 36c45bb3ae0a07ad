using Collapse.Theory.Loss;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Margins;

/// <summary>
/// The margins and the loss of one sample from its logit row z = W h + b, as the second pass accumulates them: the
/// classifier decision argmax_k z_k (lowest index on ties), the sample margin q = z_y − max_{j≠y} z_j and its sign
/// (correct iff q &gt; 0), p_min, the class-pair margins γ_yl = min (z_y − z_l), the cross-entropy in the margin form
/// ℓ = softplus(a) with a = LSE_{j≠y}(z_j − z_y), log ℓ in the log domain, and the term a of the smoothed margin.
/// </summary>
/// <remarks>
/// Margins: Koltchinskii &amp; Panchenko (2002), Ann. Statist.; p_min and γ_kl in Gao et al. (2023), arXiv 2310.08358;
/// smoothed margin: Lyu &amp; Li (2020), "Gradient descent maximizes the margin of homogeneous neural networks", ICLR.
/// docs/conventions.md §Margins and loss.
/// </remarks>
internal static class LogitRowMargins
{
    /// <summary>
    /// One row of blocked logits <paramref name="z"/> (all finite, max <paramref name="zmax"/>): the argmax and the margin
    /// sign are rechecked with <see cref="ScalarLogit"/> whenever the blocked logits are within
    /// <see cref="EvaluationModel.LogitGap"/> of a tie, so both equal the scalar decisions. Updates
    /// <paramref name="totals"/> and, when it holds class <paramref name="y"/>, <paramref name="pairs"/>; returns the
    /// classifier decision. <paramref name="z"/> is restored before returning.
    /// </summary>
    public static int Accumulate(EvaluationModel model, ReadOnlySpan<double> h, double hNorm, double zmax, int y, Span<double> z,
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
        return arg;
    }

    /// <summary>
    /// The scalar reference for one row (any non-finite value): fills <paramref name="z"/> (length K) with
    /// <see cref="ScalarLogit"/> and accumulates every quantity by the original formulas; returns the classifier decision.
    /// </summary>
    public static int AccumulateScalar(EvaluationModel model, ReadOnlySpan<double> h, int y, Span<double> z, SampleTotals totals,
        PairMarginBlock? pairs)
    {
        var k = z.Length;
        for (var c = 0; c < k; c++) z[c] = ScalarLogit(model, h, c);
        var arg = SampleMargin.ArgMax(z);
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
        return arg;
    }

    /// <summary>b_c + Σ_j w_cj h_j, sequential from the bias, no fused multiply-add: the reference logit.</summary>
    public static double ScalarLogit(EvaluationModel model, ReadOnlySpan<double> h, int c)
    {
        var d = model.Dim;
        double s = model.Bias is null ? 0 : model.Bias[c];
        var w = model.W!.AsSpan(c * d, d);
        for (var j = 0; j < d; j++) s += w[j] * h[j];
        return s;
    }
}
