using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>NC1 trace ratio Tr Σ_W / Tr Σ_B; zero iff Σ_W = 0, so it has no blind spot.</summary>
/// <remarks>
/// Tirer, Huang, Niles-Weed (2023), "Perturbation analysis of neural collapse", ICML (the trace form); also
/// rhubarbwu/neural-collapse "quotient". Tr Σ_B = ||M̃||_F²/K. docs/conventions.md key <c>nc1TraceRatio</c>.
/// </remarks>
public static class Nc1TraceRatio
{
    /// <summary>Computes Tr Σ_W / Tr Σ_B.</summary>
    public static double Compute(ClassStatistics stats, GlobalMeanKind globalMean = GlobalMeanKind.ClassBalanced)
    {
        double trB = Math.Pow(stats.CentredMeans(globalMean).FrobeniusNorm(), 2) / stats.Classes;
        return stats.TraceSigmaW / trB;
    }
}
