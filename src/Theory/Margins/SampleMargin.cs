namespace Collapse.Theory.Margins;

/// <summary>
/// Sample margin q = z_y − max_{j≠y} z_j (&gt; 0 iff the sample is classified correctly with a strict argmax).
/// </summary>
/// <remarks>
/// Multi-class margin of Koltchinskii &amp; Panchenko (2002) and Mohri et al., Foundations of ML (2nd ed.), §9.2;
/// p_min in Gao et al. (2023), arXiv 2310.08358, Thm 4.1. docs/conventions.md §Margins and loss.
/// </remarks>
public static class SampleMargin
{
    /// <summary>q(z, y).</summary>
    public static double Of(ReadOnlySpan<double> logits, int label)
    {
        double zy = logits[label], best = double.NegativeInfinity;
        for (int j = 0; j < logits.Length; j++)
            if (j != label && logits[j] > best) best = logits[j];
        return zy - best;
    }

    /// <summary>argmax_k z_k with ties resolved to the lowest index.</summary>
    public static int ArgMax(ReadOnlySpan<double> logits)
    {
        int arg = 0;
        for (int j = 1; j < logits.Length; j++) if (logits[j] > logits[arg]) arg = j;
        return arg;
    }
}
