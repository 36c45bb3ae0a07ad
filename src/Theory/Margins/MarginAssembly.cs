using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Margins;

/// <summary>Turns second-pass totals into a <see cref="MarginSummary"/> with the normalizations of docs/conventions.md.</summary>
public static class MarginAssembly
{
    /// <summary>
    /// p_min, the smoothed margin and their normalizations by ‖W‖_F·max‖h‖ and ½(‖W‖_F² + ‖H‖_F²); the pair statistics and,
    /// when kept, the K×K matrix.
    /// </summary>
    public static MarginSummary Summary(ClassStatistics stats, Classifier classifier, SampleTotals totals, ClassPairMarginStatistics pairs, double[,]? matrix)
    {
        var w = classifier.RowMajor;
        double sq = 0;
        foreach (var v in w) sq += v * v;
        var normW = Math.Sqrt(sq);
        double scale = normW * stats.MaxNorm;
        double ufm = 0.5 * (normW * normW + stats.SumSquaredNorms);
        double pmin = totals.MinMargin, sm = -totals.Smoothed.Value;
        var summary = new MarginSummary
        {
            MinMargin = pmin, PairStatistics = pairs, NormalizedMargin = pmin / scale, UfmNormalizedMargin = pmin / ufm,
            SmoothedMargin = sm, NormalizedSmoothedMargin = sm / scale, UfmNormalizedSmoothedMargin = sm / ufm,
        };
        return matrix is null ? summary : summary with { ClassPair = matrix };
    }
}
