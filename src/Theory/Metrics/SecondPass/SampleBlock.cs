using Collapse.Theory.Margins;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// The second-pass kernel on a block of rows: three blocked products (<see cref="DenseGemm"/>) and one SIMD sweep per
/// row. (1) Nearest class centre (<see cref="NearestCentre"/>): screened scores, and the exact float64 recheck of the
/// candidates when the top-2 gap is inside the proven band <see cref="EvaluationModel.ScreenBand"/>, so the decision
/// always equals the scalar one. (2) The centred rows (<see cref="ProjectedNc1"/>): the within-class terms and nc1 as
/// ‖P(h − μ_y)‖². (3) Logits z = W h + b in float64, then per row the margins and the loss
/// (<see cref="LogitRowMargins"/>: argmax and margin sign rechecked near ties, p_min, γ_yl, CE, log CE, the smoothed
/// margin) and NC4 (classifier decision ≠ NCC decision). Rows with a non-finite value take the scalar reference path
/// for every decision.
/// </summary>
public static class SampleBlock
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
            var s2 = BlockStatistics.SumOfSquares(rows.Slice(i * d, d));
            norms[i] = Math.Sqrt(s2);
            totals.SquaredNorms.Add(s2);
            if (norms[i] > totals.MaxNorm) totals.MaxNorm = norms[i];
            if (!double.IsFinite(norms[i])) finite = false;
        }

        // (1) Screening product.
        var (ldScore, scores32, scores64) = NearestCentre.Screen(model, rows, rows32, b, scratch);

        // (2) Centred rows h − μ_y: the within-class sums and the nc1 projection.
        ProjectedNc1.Accumulate(model, rows, labels, scratch, totals, within);

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
            var ncc = NearestCentre.Decide(model, h, norms[i],
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
            var arg = LogitRowMargins.Accumulate(model, h, norms[i], zmax, y, zrow, totals, pairs);
            if (arg != ncc) totals.Nc4Mismatch++;
        }
    }

    /// <summary>The scalar reference for one row (any non-finite value): every decision by the original formulas.</summary>
    private static void ReferenceRow(EvaluationModel model, ReadOnlySpan<double> h, int y, SampleScratch scratch, SampleTotals totals, PairMarginBlock? pairs)
    {
        var ncc = NearestCentre.Scalar(model, h);
        totals.Count++;
        if (ncc == y) totals.NccCorrect++;
        if (model.W is null) return;
        var k = model.Classes;
        var z = SampleScratch.Ensure(ref scratch.Reference, k).AsSpan(0, k);
        var arg = LogitRowMargins.AccumulateScalar(model, h, y, z, totals, pairs);
        if (arg != ncc) totals.Nc4Mismatch++;
    }
}
