using MathNet.Numerics.Distributions;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// One-way analysis of variance of observations grouped by a factor (here: test accuracy grouped by label
/// permutation, seeds as replicates), with the classical F-test, a Monte-Carlo permutation test of the same F
/// statistic, and effect sizes.
/// </summary>
/// <remarks>
/// F = [SS_between/(g−1)] / [SS_within/(N−g)], p = 1 − F_{g−1, N−g}(F) (Fisher 1925; any statistics text, e.g.
/// Montgomery, "Design and Analysis of Experiments", §3.3). Permutation p-value (1 + #{F* ≥ F})/(1 + B) over B random
/// reassignments of the N observations to groups of the same sizes (Phipson &amp; Smyth 2010). η² = SS_b/SS_t;
/// ω² = (SS_b − (g−1)·MS_w)/(SS_t + MS_w) (Hays 1963), the less biased effect size.
/// </remarks>
/// <param name="Groups">Number of groups g.</param>
/// <param name="Observations">Total observations N.</param>
/// <param name="GrandMean">Mean of all observations.</param>
/// <param name="SsBetween">Σ_g n_g (ȳ_g − ȳ)².</param>
/// <param name="SsWithin">Σ_g Σ_i (y_gi − ȳ_g)².</param>
/// <param name="F">F statistic (+∞ when SS_within = 0 &lt; SS_between; NaN when both are 0).</param>
/// <param name="PValue">Upper-tail F-distribution p-value.</param>
/// <param name="PermutationPValue">Monte-Carlo permutation p-value of F.</param>
/// <param name="PermutationRounds">B, the number of random reassignments.</param>
/// <param name="EtaSquared">η².</param>
/// <param name="OmegaSquared">ω² (may be negative when the groups differ less than chance).</param>
/// <param name="SdBetweenGroupMeans">Sample standard deviation of the group means (spread across groups).</param>
/// <param name="SdWithinPooled">√MS_within: pooled within-group standard deviation (spread across replicates).</param>
public sealed record OneWayAnova(
    int Groups, int Observations, double GrandMean, double SsBetween, double SsWithin, double F, double PValue,
    double PermutationPValue, int PermutationRounds, double EtaSquared, double OmegaSquared,
    double SdBetweenGroupMeans, double SdWithinPooled)
{
    /// <summary>Degrees of freedom between groups, g − 1.</summary>
    public int DfBetween => Groups - 1;

    /// <summary>Degrees of freedom within groups, N − g.</summary>
    public int DfWithin => Observations - Groups;

    /// <summary>Runs the analysis. Needs ≥ 2 groups, every group non-empty, and N &gt; g.</summary>
    /// <param name="groups">Observations of each group.</param>
    /// <param name="permutationRounds">B for the permutation test (0 skips it; p = NaN).</param>
    /// <param name="seed">Seed of the permutation test.</param>
    public static OneWayAnova Compute(IReadOnlyList<IReadOnlyList<double>> groups, int permutationRounds = 9999, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2) throw new ArgumentException("need at least 2 groups", nameof(groups));
        var sizes = new int[groups.Count];
        var all = new List<double>();
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Count == 0) throw new ArgumentException($"group {g} is empty", nameof(groups));
            sizes[g] = groups[g].Count;
            all.AddRange(groups[g]);
        }
        var n = all.Count;
        if (n <= groups.Count) throw new ArgumentException("need more observations than groups (replicates)", nameof(groups));
        var values = all.ToArray();
        var (ssb, ssw, grand, means) = SumsOfSquares(values, sizes);
        var f = FStatistic(ssb, ssw, groups.Count, n);
        double p;
        if (double.IsNaN(f)) p = 1.0;
        else if (double.IsPositiveInfinity(f)) p = 0.0;
        else p = 1.0 - FisherSnedecor.CDF(groups.Count - 1, n - groups.Count, f);

        var permP = double.NaN;
        if (permutationRounds > 0)
        {
            var rng = new System.Random(seed);
            var shuffled = (double[])values.Clone();
            var atLeast = 0;
            for (var b = 0; b < permutationRounds; b++)
            {
                for (var i = shuffled.Length - 1; i > 0; i--)
                {
                    var j = rng.Next(i + 1);
                    (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
                }
                var (sb, sw, _, _) = SumsOfSquares(shuffled, sizes);
                var fs = FStatistic(sb, sw, groups.Count, n);
                // Compare with a relative tolerance so that rounding of equal F values counts as "at least as large".
                if (double.IsNaN(f) || fs >= f * (1 - 1e-12)) atLeast++;
            }
            permP = (1.0 + atLeast) / (1.0 + permutationRounds);
        }

        var sst = ssb + ssw;
        var msw = ssw / (n - groups.Count);
        var eta = sst > 0 ? ssb / sst : double.NaN;
        var omega = sst > 0 ? (ssb - (groups.Count - 1) * msw) / (sst + msw) : double.NaN;
        double meanOfMeans = means.Average(), ssm = 0;
        foreach (var m in means) ssm += (m - meanOfMeans) * (m - meanOfMeans);
        return new OneWayAnova(groups.Count, n, grand, ssb, ssw, f, p, permP, permutationRounds, eta, omega,
            Math.Sqrt(ssm / (means.Length - 1)), Math.Sqrt(msw));
    }

    private static double FStatistic(double ssb, double ssw, int g, int n)
    {
        if (ssw <= 0) return ssb > 0 ? double.PositiveInfinity : double.NaN;
        return ssb / (g - 1) / (ssw / (n - g));
    }

    private static (double Ssb, double Ssw, double Grand, double[] Means) SumsOfSquares(double[] values, int[] sizes)
    {
        double grand = 0;
        foreach (var v in values) grand += v;
        grand /= values.Length;
        var means = new double[sizes.Length];
        double ssb = 0, ssw = 0;
        var offset = 0;
        for (var g = 0; g < sizes.Length; g++)
        {
            double m = 0;
            for (var i = 0; i < sizes[g]; i++) m += values[offset + i];
            m /= sizes[g];
            means[g] = m;
            for (var i = 0; i < sizes[g]; i++) ssw += (values[offset + i] - m) * (values[offset + i] - m);
            ssb += sizes[g] * (m - grand) * (m - grand);
            offset += sizes[g];
        }
        return (ssb, ssw, grand, means);
    }
}
