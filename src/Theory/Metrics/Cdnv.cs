using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>Class-distance normalized variance, averaged over class pairs: mean_{k&lt;l} (σ_k² + σ_l²)/(2||μ_k − μ_l||²).</summary>
/// <remarks>
/// Galanti, György, Hutter (2022), "On the role of neural collapse in transfer learning", ICLR, Def. 1. σ_k² is the
/// biased per-class variance (1/n_k) Σ||h − μ_k||² (docs/conventions.md key <c>cdnv</c>).
/// </remarks>
public static class Cdnv
{
    /// <summary>Computes the mean CDNV over pairs.</summary>
    public static double Compute(ClassStatistics stats)
    {
        int k = stats.Classes;
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
            {
                double dist2 = (stats.Means.Row(a) - stats.Means.Row(b)).DotProduct(stats.Means.Row(a) - stats.Means.Row(b));
                sum += (stats.ClassVariance(a) + stats.ClassVariance(b)) / (2 * dist2);
                pairs++;
            }
        return sum / pairs;
    }
}
