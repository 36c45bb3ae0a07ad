using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The internal rescaling of <see cref="MetricEngine"/> for features of extreme magnitude (docs/metrics.md, "Degenerate
/// geometry and extreme scales"). After pass 1, when the largest feature magnitude max|h_ij| lies outside
/// [2^−<see cref="Window"/>, 2^<see cref="Window"/>], the statistics are multiplied by the power of two 2^e with
/// e = −ilogb(max|h_ij|) (so the largest scaled magnitude lies in [1, 2)), pass 2 multiplies every row by 2^e as it is
/// read, and the classifier W by 2^−e, so that the logits W h + b — hence margins and CE — are those of the features
/// as given. Multiplying by a power of two is exact in float64 (barring subnormal results), so the scale-invariant
/// metrics are those of the unscaled features to rounding, and no square of a feature overflows or underflows.
/// </summary>
public static class FeatureScale
{
    /// <summary>
    /// Binary exponents of max|h_ij| within which the features are used as given. 2^±40 keeps the float32 nearest-centre
    /// screening effective: its products h·μ_k ≈ max|h|² stay far above the float32 underflow (2⁻¹²⁶, where the bound's
    /// gradual-underflow term would send every row to the exact recheck) and below its overflow guard (‖h‖·max‖μ‖ &lt; 10³⁶);
    /// squares in float64 are then far from both ends of the range.
    /// </summary>
    public const int Window = 40;

    /// <summary>The exponent e of the rescaling for features of largest magnitude <paramref name="maxAbs"/> (0: none).</summary>
    public static int Exponent(double maxAbs)
    {
        if (!(maxAbs > 0) || !double.IsFinite(maxAbs)) return 0;
        var e = Math.ILogB(maxAbs);
        return e < -Window || e > Window ? -e : 0;
    }

    /// <summary>
    /// <paramref name="stats"/> of the features ×2^e (<see cref="ClassStatistics.ScaleExponent"/> = e) when
    /// <see cref="Exponent"/> of <see cref="ClassStatistics.MaxAbs"/> is not 0; otherwise (or when already scaled) the
    /// statistics themselves. The means are copied, not changed in place.
    /// </summary>
    public static ClassStatistics Apply(ClassStatistics stats)
    {
        if (stats.ScaleExponent != 0) return stats;
        var e = Exponent(stats.MaxAbs);
        if (e == 0) return stats;
        var means = (double[])stats.MeanRows.Clone();
        Scale(means, e);
        var deviation = (double[])stats.ClassSquaredDeviation.Clone();
        for (var c = 0; c < deviation.Length; c++) deviation[c] = Math.ScaleB(deviation[c], 2 * e);
        return ClassStatistics.FromRowMajor(stats.Classes, stats.Dim, stats.Counts, means, deviation, null,
            Math.ScaleB(stats.SumSquaredNorms, 2 * e), Math.ScaleB(stats.MaxNorm, e)) with
        { MaxAbs = Math.ScaleB(stats.MaxAbs, e), ScaleExponent = e };
    }

    /// <summary>x ← x·2^<paramref name="exponent"/> element-wise (one multiplication when 2^exponent is a normal number).</summary>
    public static void Scale(Span<double> x, int exponent)
    {
        if (exponent == 0) return;
        if (exponent is >= -1000 and <= 1000)
        {
            var f = Math.ScaleB(1.0, exponent);
            for (var i = 0; i < x.Length; i++) x[i] *= f;
            return;
        }
        for (var i = 0; i < x.Length; i++) x[i] = Math.ScaleB(x[i], exponent);
    }
}
