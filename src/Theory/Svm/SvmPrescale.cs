using Collapse.Theory.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Svm;

/// <summary>
/// Features whose largest row norm lies outside 2^±480 (about 10^±144) are divided by the power of two 2^e nearest
/// that norm before the SVM is solved and certified. Dividing by a power of two is exact in float64, so the result is
/// the SVM of the rescaled features exactly. Then ‖h‖², ‖W‖² ≈ 1/‖h‖² and the certificate's products all stay in
/// float64. The solution is mapped back by the scale-equivariance of the SVM: h ↦ 2^e·h gives W ↦ 2^−e·W and
/// λ ↦ 2^−2e·λ. The objectives change by 2^−2e, ‖W‖ by 2^−e and the margins by 2^e. The relative measures (duality
/// gap, violation, stationarity) and the support sets do not change. A mapped value outside the float64 range becomes
/// 0 or ∞; the certificate was computed before the mapping, so it stays valid.
/// </summary>
internal static class SvmPrescale
{
    /// <summary>Largest |log₂ max_i ‖h_i‖| solved without rescaling.</summary>
    public const int MaxExponent = 480;

    /// <summary>
    /// The exponent e = ilogb(max_i ‖h_i‖) and the features·2^−e when |e| &gt; <see cref="MaxExponent"/>; false (no copy)
    /// otherwise, or when the features are zero or not finite (the solver's validation reports those).
    /// </summary>
    public static bool TryPrescale(ReadOnlySpan<double> features, int dim, out double[] scaled, out int exponent)
    {
        scaled = [];
        exponent = 0;
        var largest = 0.0;
        for (var i = 0; i + dim <= features.Length; i += dim)
            largest = Math.Max(largest, RobustNorm.Euclidean(features.Slice(i, dim)));
        if (!(largest > 0) || !double.IsFinite(largest)) return false;
        var e = Math.ILogB(largest);
        if (Math.Abs(e) <= MaxExponent) return false;
        scaled = new double[features.Length];
        for (var t = 0; t < scaled.Length; t++) scaled[t] = Math.ScaleB(features[t], -e);
        exponent = e;
        return true;
    }

    /// <summary>The solution for the features 2^e·h, from <paramref name="s"/>, the solution for h.</summary>
    public static SvmSolution Unscale(SvmSolution s, int e)
    {
        var w = s.W.Map(v => Math.ScaleB(v, -e));
        var lambda = s.Lambda.Select(v => Math.ScaleB(v, -2 * e)).ToArray();
        var c = s.Certificate;
        var certificate = c with
        {
            PrimalObjective = Math.ScaleB(c.PrimalObjective, -2 * e),
            DualObjective = Math.ScaleB(c.DualObjective, -2 * e),
            MinLambda = Math.ScaleB(c.MinLambda, -2 * e),
            NormW = Math.ScaleB(c.NormW, -e),
            Margin = Math.ScaleB(c.Margin, e),
            MarginLowerBound = Math.ScaleB(c.MarginLowerBound, e),
            MarginUpperBound = Math.ScaleB(c.MarginUpperBound, e),
        };
        return s with { W = w, Lambda = lambda, Certificate = certificate, FeatureScaleExponent = e };
    }
}
