namespace Collapse.LeSde.Analysis;

/// <summary>
/// The Wilson score interval of a binomial proportion (Wilson 1927, JASA 22): for s successes in n trials and the normal
/// quantile z, centre (p̂ + z²/2n)/(1 + z²/n) ± z√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Unlike the Wald interval it stays
/// inside [0, 1] and is informative at p̂ = 0 or 1 (upper end z²/(n + z²) at s = 0).
/// </summary>
/// <param name="Successes">s.</param>
/// <param name="Trials">n ≥ 1.</param>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
public sealed record WilsonInterval(int Successes, int Trials, double Lower, double Upper)
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>p̂ = s/n.</summary>
    public double Fraction => (double)Successes / Trials;

    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/> at quantile <paramref name="z"/>.</summary>
    public static WilsonInterval Of(int successes, int trials, double z = Z95)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), "at least one trial");
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes));
        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new WilsonInterval(successes, trials, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
