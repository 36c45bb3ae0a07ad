using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>Class-distance normalized variance, averaged over class pairs: mean_{k&lt;l} (σ_k² + σ_l²)/(2||μ_k − μ_l||²).</summary>
/// <remarks>
/// Galanti, György, Hutter (2022), "On the role of neural collapse in transfer learning", ICLR, Def. 1. σ_k² is the
/// biased per-class variance (1/n_k) Σ||h − μ_k||² (docs/conventions.md key <c>cdnv</c>). Computed over all pairs by
/// the tiled Gram products of <see cref="MeanGeometry"/> (no per-pair allocation, no K×K matrix).
/// </remarks>
public static class Cdnv
{
    /// <summary>Computes the mean CDNV over pairs.</summary>
    public static double Compute(ClassStatistics stats) => MeanGeometry.Of(stats).Cdnv;
}
