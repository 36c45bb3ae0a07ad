namespace Collapse.Theory.Claims;

/// <summary>
/// How the cases of a check went (<see cref="ClaimResult.Cases"/>): how many were checked and skipped, and for bound
/// claims how many were informative (the bound not vacuous) and how tight and how far inside the claim the cases were.
/// Identity and definition claims report <see cref="Checked"/> and <see cref="Skipped"/> only.
/// </summary>
/// <param name="Checked">Cases evaluated (not skipped); a failing check stops at its falsifying case.</param>
/// <param name="Skipped">Cases that did not meet the claim's precondition.</param>
/// <param name="Informative">Checked cases whose bound was informative; null when the claim does not say.</param>
/// <param name="MedianTightness">Median of <see cref="CaseOutcome.Tightness"/> over the cases that report it; NaN if none.</param>
/// <param name="MedianSlack">
/// Median over the checked cases of tolerance − excess (how far inside the claim a case is, in the claim's excess
/// units: bound − measured for a plain inequality); NaN for identity and definition claims.
/// </param>
public sealed record CaseStatistics(int Checked, int Skipped, int? Informative, double MedianTightness, double MedianSlack)
{
    /// <summary>
    /// The largest excess over the checked cases (for a failing check: the falsifying case's), in the claim's excess units
    /// (|Δ| or a relative error for an identity, measured − bound for a plain inequality, or the claim's own measure, e.g.
    /// a frequency beyond its binomial allowance); the check fails iff it exceeds the tolerance. NaN when unknown.
    /// <c>collapse bench claims</c> compares it with the tolerance over many seeds (<see cref="ToleranceSurvey"/>).
    /// </summary>
    public double WorstExcess { get; init; } = double.NaN;

    /// <summary>Informative / Checked; NaN when unknown or nothing was checked.</summary>
    public double InformativeFraction => Informative is int i && Checked > 0 ? (double)i / Checked : double.NaN;

    /// <summary>Median of the finite values (NaN for none).</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
