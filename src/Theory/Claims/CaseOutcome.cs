using System.Globalization;
using Collapse.Theory.IO;

namespace Collapse.Theory.Claims;

/// <summary>
/// Result of checking a claim on one random instance: the measured and expected values, the excess (how far the
/// instance goes beyond the claim: &gt; tolerance ⇔ it falsifies it) and a one-line description of the instance.
/// </summary>
/// <param name="Measured">Measured value (left-hand side).</param>
/// <param name="Expected">Expected value or bound (right-hand side).</param>
/// <param name="Excess">Amount by which the claim is exceeded (≤ 0 inside an inequality; |Δ| for an identity).</param>
/// <param name="Instance">The instance, replayable from its seed (e.g. "K=5 d=7 scale=3.2").</param>
/// <param name="Skipped">True when the instance does not meet the claim's precondition (not counted).</param>
public sealed record CaseOutcome(double Measured, double Expected, double Excess, string Instance, bool Skipped = false)
{
    /// <summary>
    /// How tight the bound was on this case: measured / bound, or the claim's own documented ratio (e.g. frequency /
    /// bound); NaN when the claim does not say. Aggregated into <see cref="CaseStatistics.MedianTightness"/>.
    /// </summary>
    public double Tightness { get; init; } = double.NaN;

    /// <summary>
    /// Whether the bound is informative (not vacuous) on this case, e.g. a probability bound &lt; 1; null when the claim
    /// does not say. Aggregated into <see cref="CaseStatistics.Informative"/>.
    /// </summary>
    public bool? Informative { get; init; }

    /// <summary>Inequality Measured ≤ Bound: excess = Measured − Bound.</summary>
    public static CaseOutcome AtMost(double measured, double bound, string instance)
        => new(measured, bound, double.IsNaN(measured - bound) ? double.PositiveInfinity : measured - bound, instance);

    /// <summary>Identity Measured = Expected: excess = |Measured − Expected| (compare with an absolute tolerance).</summary>
    public static CaseOutcome Equal(double measured, double expected, string instance)
        => new(measured, expected, Diff(measured, expected), instance);

    /// <summary>Identity with a relative error: excess = |Measured − Expected| / max(1, |Expected|).</summary>
    public static CaseOutcome EqualRelative(double measured, double expected, string instance)
        => new(measured, expected, Diff(measured, expected) / Math.Max(1.0, Math.Abs(expected)), instance);

    /// <summary>The instance does not satisfy the claim's precondition; it is skipped and reported.</summary>
    public static CaseOutcome Skip(string reason) => new(double.NaN, double.NaN, double.NegativeInfinity, reason, true);

    /// <summary>Formats a number for a detail line (<see cref="NumberFormat.Display"/>).</summary>
    public static string F(double v) => NumberFormat.Display(v);

    private static double Diff(double a, double b)
    {
        if (a == b) return 0; // also ±∞ == ±∞
        var d = Math.Abs(a - b);
        return double.IsNaN(d) ? double.PositiveInfinity : d;
    }
}
