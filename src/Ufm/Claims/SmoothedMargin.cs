using Collapse.Theory.Numerics;
using Collapse.Ufm.Model;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Claims;

/// <summary>
/// The smoothed normalized margin of Lyu &amp; Li (2020), "Gradient descent maximizes the margin of homogeneous neural
/// networks", ICLR, for the cross-entropy sum loss 𝓛 = N·F of an L-homogeneous model:
/// γ̃ = −log(e^𝓛 − 1) / ρ^L. The trained parameters are (W, H) in mode (a) (L = 2, ρ^L = ‖W‖² + ‖H‖²), W in mode (b)
/// and H in mode (c) (L = 1, ρ = ‖W‖ resp. ‖H‖). Non-decreasing along gradient flow once 𝓛 &lt; log 2 (their Thm 4.1);
/// γ̃ ≤ p_min/ρ^L (the log-sum-exp of N(K−1) terms, claim smoothed-margin-sandwich). Evaluated from log F in the log domain, so it stays finite when F underflows.
/// </summary>
public static class SmoothedMargin
{
    /// <summary>
    /// γ̃ for one logged row (NaN with a bias: the model is then not homogeneous). <paramref name="degreeOffset"/> &gt; 0
    /// normalizes by ρ^(L + degreeOffset) instead of ρ^L: a deliberately false homogeneity degree (a falsifier).
    /// </summary>
    public static double LyuLi(TrajectoryRow row, UfmMode mode, int samples, bool bias, int degreeOffset = 0)
    {
        if (bias) return double.NaN;
        var logSum = row.LogLoss + Math.Log(samples); // log 𝓛
        var numerator = -LogExpMinusOne.FromLog(logSum);
        var denominator = mode switch
        {
            UfmMode.Joint => row.NormW * row.NormW + row.NormH * row.NormH,
            UfmMode.FixedFeatures => row.NormW,
            _ => row.NormH,
        };
        if (degreeOffset == 0) return numerator / denominator;
        var degree = mode == UfmMode.Joint ? 2.0 : 1.0; // the denominator above is ρ^degree
        return numerator / Math.Pow(denominator, (degree + degreeOffset) / degree);
    }

    /// <summary>Whether the sum loss is below log 2 (Lyu–Li's threshold).</summary>
    public static bool BelowThreshold(TrajectoryRow row, int samples) => row.LogLoss + Math.Log(samples) < Math.Log(Math.Log(2.0));
}
