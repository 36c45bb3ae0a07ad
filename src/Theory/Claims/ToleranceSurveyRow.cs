namespace Collapse.Theory.Claims;

/// <summary>
/// The tolerance of one claim against its measured variability: the claim's check run over several base seeds
/// (<see cref="ToleranceSurvey.Run"/>), the worst excess over all of them and the headroom the tolerance leaves.
/// </summary>
/// <param name="ClaimId">The claim's id.</param>
/// <param name="Kind">The claim's kind.</param>
/// <param name="Cases">Random cases per run.</param>
/// <param name="Runs">One entry per seed, in the order run.</param>
public sealed record ToleranceSurveyRow(string ClaimId, ClaimKind Kind, int Cases, IReadOnlyList<ToleranceSeedRun> Runs)
{
    /// <summary>The smallest tolerance any run used (they normally agree); NaN when no run reported one.</summary>
    public double Tolerance => Runs.Select(r => r.Tolerance).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();

    /// <summary>The largest finite excess over every run; NaN when no run reported one.</summary>
    public double WorstExcess => Worst?.Excess ?? double.NaN;

    /// <summary>The seed of the run with <see cref="WorstExcess"/>; null when no run reported an excess.</summary>
    public int? WorstSeed => Worst?.Seed;

    /// <summary>
    /// Tolerance / worst excess: how many times the worst measured excess fits into the tolerance. +∞ when no case of
    /// any run reached the claim's limit (worst excess ≤ 0: the check would hold with tolerance 0 too); 0 when the worst
    /// excess exceeds a zero tolerance; NaN when unknown.
    /// </summary>
    public double Headroom
    {
        get
        {
            var worst = WorstExcess;
            var tolerance = Tolerance;
            if (double.IsNaN(worst) || double.IsNaN(tolerance)) return double.NaN;
            if (worst <= 0) return double.PositiveInfinity;
            return tolerance <= 0 ? 0 : tolerance / worst;
        }
    }

    /// <summary>Runs whose verdict was <see cref="Verdict.Holds"/>.</summary>
    public int Holds => Runs.Count(r => r.Verdict == Verdict.Holds);

    /// <summary>The smallest informative fraction over the runs; NaN when the claim does not report one.</summary>
    public double MinInformativeFraction => Runs.Select(r => r.InformativeFraction).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();

    /// <summary>Median over the runs of each run's median slack; NaN when the claim does not report one.</summary>
    public double MedianSlack => CaseStatistics.Median(Runs.Select(r => r.MedianSlack));

    /// <summary>Mean wall time of one run.</summary>
    public double MeanSeconds => Runs.Count == 0 ? 0 : Runs.Average(r => r.Seconds);

    /// <summary>Whether the survey flags the claim: a run that does not hold, or a <see cref="Headroom"/> below <paramref name="minHeadroom"/> (or unknown).</summary>
    public bool Flagged(double minHeadroom) => Holds != Runs.Count || !(Headroom >= minHeadroom);

    private ToleranceSeedRun? Worst => Runs.Where(r => double.IsFinite(r.Excess)).MaxBy(r => r.Excess);
}
