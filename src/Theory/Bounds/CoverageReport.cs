namespace Collapse.Theory.Bounds;

/// <summary>
/// Outcome of a coverage experiment: over independent training samples, how often the bound fell below the test error
/// (estimated on a large fresh sample), and how vacuous it was (ratio bound / test error).
/// </summary>
/// <param name="Settings">The settings used.</param>
/// <param name="Trials">One entry per independent training sample.</param>
public sealed record CoverageReport(CoverageSettings Settings, IReadOnlyList<CoverageTrial> Trials)
{
    /// <summary>Number of trials.</summary>
    public int Count => Trials.Count;

    /// <summary>Trials whose bound was &lt; the estimated test error.</summary>
    public int Violations => Trials.Count(t => !t.Slack.Holds);

    /// <summary>Violations / trials (a valid bound gives ≤ δ up to sampling error).</summary>
    public double Frequency => (double)Violations / Count;

    /// <summary>Median over trials of bound / test error.</summary>
    public double MedianRatio => Median(Trials.Select(t => t.Slack.Ratio));

    /// <summary>Smallest bound / test error over trials (the tightest trial).</summary>
    public double MinRatio => Trials.Min(t => t.Slack.Ratio);

    /// <summary>Mean bound value.</summary>
    public double MeanBound => Trials.Average(t => t.Bound.Value);

    /// <summary>Mean estimated test error.</summary>
    public double MeanTestError => Trials.Average(t => t.TestError);

    /// <summary>Fraction of trials whose bound is vacuous (≥ 1).</summary>
    public double VacuousFraction => (double)Trials.Count(t => t.Bound.Vacuous) / Count;

    private static double Median(IEnumerable<double> values)
    {
        var a = values.OrderBy(v => v).ToArray();
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }
}
