namespace Collapse.DeepValidation.Output;

/// <summary>
/// Summary of the class-pair margin matrix γ_kl = min_{y_i=k}(z_ik − z_il), k ≠ l (docs/conventions.md): its
/// minimum (= p_min), mean, median, maximum and coefficient of variation over the K(K−1) off-diagonal entries.
/// Heterogeneous γ_kl are what makes label permutations matter in Gao et al. 2023, Rem. 4.9 [R].
/// </summary>
/// <param name="Min">min γ_kl.</param>
/// <param name="Mean">mean γ_kl.</param>
/// <param name="Median">median γ_kl.</param>
/// <param name="Max">max γ_kl.</param>
/// <param name="CoefficientOfVariation">population std / |mean| of γ_kl.</param>
public sealed record GammaSummary(double Min, double Mean, double Median, double Max, double CoefficientOfVariation)
{
    /// <summary>Summarises the off-diagonal finite entries of <paramref name="gamma"/> (all NaN when there are none).</summary>
    public static GammaSummary Of(double[,] gamma)
    {
        var values = new List<double>();
        for (var a = 0; a < gamma.GetLength(0); a++)
            for (var b = 0; b < gamma.GetLength(1); b++)
                if (a != b && double.IsFinite(gamma[a, b])) values.Add(gamma[a, b]);
        if (values.Count == 0) return new GammaSummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        values.Sort();
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Count;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : 0.5 * (values[values.Count / 2 - 1] + values[values.Count / 2]);
        return new GammaSummary(values[0], mean, median, values[^1], Math.Sqrt(ss / values.Count) / Math.Abs(mean));
    }
}
