using MathNet.Numerics.Distributions;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Mean of a few replicate values (one per seed) with its sample standard deviation, standard error and a
/// two-sided Student-t confidence interval (undefined — NaN — for a single value).
/// </summary>
/// <param name="Count">Number of values n.</param>
/// <param name="Mean">Sample mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1).</param>
/// <param name="StandardError">s/√n.</param>
/// <param name="Lower">Lower end of the confidence interval.</param>
/// <param name="Upper">Upper end of the confidence interval.</param>
/// <param name="Level">Confidence level (e.g. 0.95).</param>
public sealed record MeanWithUncertainty(int Count, double Mean, double StandardDeviation, double StandardError, double Lower, double Upper, double Level)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static MeanWithUncertainty Of(IReadOnlyList<double> values, double level = 0.95)
    {
        var n = values.Count;
        if (n == 0) return new MeanWithUncertainty(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, level);
        var mean = values.Average();
        if (n == 1) return new MeanWithUncertainty(1, mean, double.NaN, double.NaN, double.NaN, double.NaN, level);
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var sd = Math.Sqrt(ss / (n - 1));
        var se = sd / Math.Sqrt(n);
        var t = StudentT.InvCDF(0, 1, n - 1, 0.5 + level / 2);
        return new MeanWithUncertainty(n, mean, sd, se, mean - t * se, mean + t * se, level);
    }
}
