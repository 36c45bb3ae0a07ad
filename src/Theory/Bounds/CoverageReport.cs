namespace Collapse.Theory.Bounds;

/// <summary>
/// Outcome of a coverage experiment: over independent training samples, how often the bound fell below the test error
/// (estimated on a large fresh sample), and how vacuous it was (ratio bound / test error).
/// </summary>
/// <param name="Settings">The settings used.</param>
/// <param name="Trials">Number of independent training samples.</param>
/// <param name="Violations">Trials whose bound was &lt; the estimated test error.</param>
/// <param name="Delta">δ of the bound (the violation frequency must be ≤ δ up to sampling error).</param>
/// <param name="Slacks">One slack report per trial (bound value, test error, ratio, slack).</param>
public sealed record CoverageReport(CoverageSettings Settings, int Trials, int Violations, double Delta, IReadOnlyList<SlackReport> Slacks)
{
    /// <summary>Violations / Trials.</summary>
    public double Frequency => (double)Violations / Trials;

    /// <summary>Median over trials of bound / test error.</summary>
    public double MedianRatio => Median(Slacks.Select(s => s.Ratio));

    /// <summary>Smallest bound / test error over trials (the tightest trial).</summary>
    public double MinRatio => Slacks.Min(s => s.Ratio);

    /// <summary>Mean bound value.</summary>
    public double MeanBound => Slacks.Average(s => s.Value);

    /// <summary>Mean estimated test error.</summary>
    public double MeanTestError => Slacks.Average(s => s.Measured);

    private static double Median(IEnumerable<double> values)
    {
        var a = values.OrderBy(v => v).ToArray();
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }
}
