namespace Collapse.Reports.Runs;

/// <summary>
/// The train class-pair margin matrix γ_kl = min over samples i of class k of (z_ik − z_il), k ≠ l, of one epoch
/// (docs/conventions.md; min over k ≠ l is p_min). The diagonal, and pairs the file did not list, are NaN.
/// </summary>
/// <param name="Epoch">The epoch the matrix belongs to.</param>
/// <param name="Values">K×K values, row k = the true class, column l = the competing class.</param>
public sealed record GammaMatrix(int Epoch, double[,] Values)
{
    /// <summary>K.</summary>
    public int Classes => Values.GetLength(0);

    /// <summary>
    /// The <paramref name="count"/> smallest finite off-diagonal entries (the class pairs closest to being confused),
    /// smallest first; ties by k, then l.
    /// </summary>
    public IReadOnlyList<GammaPair> Worst(int count)
    {
        var pairs = new List<GammaPair>();
        for (var k = 0; k < Classes; k++)
            for (var l = 0; l < Classes; l++)
                if (k != l && double.IsFinite(Values[k, l])) pairs.Add(new GammaPair(k, l, Values[k, l]));
        pairs.Sort((a, b) => a.Gamma != b.Gamma ? a.Gamma.CompareTo(b.Gamma) : a.K != b.K ? a.K.CompareTo(b.K) : a.L.CompareTo(b.L));
        return pairs.Count <= count ? pairs : pairs.GetRange(0, count);
    }
}

/// <summary>One entry γ_kl of a <see cref="GammaMatrix"/>.</summary>
/// <param name="K">True class k.</param>
/// <param name="L">Competing class l.</param>
/// <param name="Gamma">γ_kl.</param>
public sealed record GammaPair(int K, int L, double Gamma);
