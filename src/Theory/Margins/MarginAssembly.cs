using Collapse.Theory.Metrics;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Margins;

/// <summary>Turns second-pass totals into a <see cref="MarginSummary"/> with the normalizations of docs/conventions.md.</summary>
public static class MarginAssembly
{
    /// <summary>
    /// p_min, the smoothed margin and their normalizations by ‖W‖_F·max‖h‖ and ½(‖W‖_F² + ‖H‖_F²); the pair statistics and,
    /// when kept, the K×K matrix. The norms are those pass 2 measured on the rows it saw (×2^e when
    /// <see cref="ClassStatistics.ScaleExponent"/> = e ≠ 0) and the denominators are formed as m·2^E
    /// (<see cref="ScaledValue"/>), so a normalized margin is ±∞ or 0 only where its true value is outside the float64
    /// range; a denominator of 0 (W = 0, or every h_i = 0) gives NaN (undefined; <see cref="MetricEngine.Assemble"/> names the reason).
    /// </summary>
    public static MarginSummary Summary(ClassStatistics stats, Classifier classifier, SampleTotals totals, ClassPairMarginStatistics pairs, double[,]? matrix)
    {
        var e = stats.ScaleExponent;
        var normW = ScaledValue.Of(RobustNorm.Euclidean(classifier.RowMajor));
        var maxH = ScaledValue.Of(totals.MaxNorm, -e);
        var scale = normW.Times(maxH);
        var ufm = normW.Times(normW).Plus(ScaledValue.Of(totals.SquaredNorms.Value, -2L * e)).TimesPowerOfTwo(-1);
        double pmin = totals.MinMargin, sm = -totals.Smoothed.Value;
        var summary = new MarginSummary
        {
            MinMargin = pmin,
            PairStatistics = pairs,
            NormalizedMargin = scale.Divide(pmin),
            UfmNormalizedMargin = ufm.Divide(pmin),
            SmoothedMargin = sm,
            NormalizedSmoothedMargin = scale.Divide(sm),
            UfmNormalizedSmoothedMargin = ufm.Divide(sm),
        };
        return matrix is null ? summary : summary with { ClassPair = matrix };
    }
}
