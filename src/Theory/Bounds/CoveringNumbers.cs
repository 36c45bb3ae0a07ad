namespace Collapse.Theory.Bounds;

/// <summary>Covering-number bounds used by <see cref="CoveringBound"/>.</summary>
public static class CoveringNumbers
{
    /// <summary>
    /// Volumetric bound on the ε-covering number of a Euclidean ball of radius R in R^n: 𝒩(ε) ≤ (1 + 2R/ε)^n
    /// (e.g. Vershynin, <i>High-Dimensional Probability</i>, Cor. 4.2.13). +∞ for ε ≤ 0. Non-increasing in ε.
    /// </summary>
    public static double Ball(double supportRadius, int dim, double coverRadius)
    {
        Require.NonNegative(supportRadius, "supportRadius");
        Require.AtLeast(dim, 1, "dim");
        if (double.IsNaN(coverRadius)) throw new InputException("coverRadius is NaN");
        if (coverRadius <= 0) return double.PositiveInfinity;
        return Math.Pow(1 + 2 * supportRadius / coverRadius, dim);
    }
}
