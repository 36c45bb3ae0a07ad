using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// The centred rows h_i − μ_{y_i} of a block in the second pass, and what is built from them: the terms
/// ‖h_i − μ_{y_i}‖² of the two-pass within-class sums, and nc1 by the projected route, Σ_i ‖P(h_i − μ_{y_i})‖² with
/// P = S⁻¹Vᵀ of the centred means M̃ = U S Vᵀ (rank ≤ min(K−1, d), <see cref="Nc1.Basis"/>). This is the value of
/// <see cref="Nc1.Compute"/> (Papyan, Han &amp; Donoho 2020, PNAS) without the d×d scatter: O(N·d·r) work, O(K·d) memory.
/// </summary>
internal static class ProjectedNc1
{
    /// <summary>
    /// For the <paramref name="labels"/>.Length rows of <paramref name="rows"/>: writes ‖h_i − μ_{y_i}‖² to
    /// <paramref name="within"/> when it is not empty, and adds ‖P(h_i − μ_{y_i})‖² in row order to
    /// <see cref="SampleTotals.Nc1"/> when the model projects nc1 (one blocked float64 product).
    /// </summary>
    public static void Accumulate(EvaluationModel model, ReadOnlySpan<double> rows, ReadOnlySpan<int> labels, SampleScratch scratch,
        SampleTotals totals, Span<double> within)
    {
        int b = labels.Length, d = model.Dim;
        var proj = model.Projection;
        if (proj is null && within.IsEmpty) return;
        var c = SampleScratch.Ensure(ref scratch.Centred, (long)b * d);
        for (var i = 0; i < b; i++)
        {
            var h = rows.Slice(i * d, d);
            var mu = model.Means.AsSpan(labels[i] * d, d);
            var dst = c.AsSpan(i * d, d);
            for (var j = 0; j < d; j++) dst[j] = h[j] - mu[j];
            if (!within.IsEmpty) within[i] = BlockStatistics.SumOfSquares(dst);
        }
        if (proj is null) return;
        var ld = proj.PaddedRows;
        var t = SampleScratch.Ensure(ref scratch.Projected, (long)b * ld);
        DenseGemm.MultiplyTransposed<double, DoubleOps>(c, b, d, proj, t, ld);
        for (var i = 0; i < b; i++)
            totals.Nc1.Add(BlockStatistics.SumOfSquares(t.AsSpan(i * ld, model.Nc1Rank)));
    }
}
