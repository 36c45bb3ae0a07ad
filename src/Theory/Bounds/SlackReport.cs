namespace Collapse.Theory.Bounds;

/// <summary>
/// How a bound compares with the quantity it bounds: the value, the measured quantity, their ratio (how vacuous the
/// bound is: 1 = tight, 10 = ten times too large) and the slack value − measured (negative ⇔ the bound is violated).
/// </summary>
/// <param name="Bound">Name of the bound.</param>
/// <param name="Value">The bound's value.</param>
/// <param name="Measured">The measured quantity it bounds (e.g. a test error estimated on a large fresh sample).</param>
/// <param name="Ratio">Value / Measured; +∞ when Measured = 0 &lt; Value, 1 when both are 0.</param>
/// <param name="Slack">Value − Measured.</param>
/// <param name="Vacuous">True when the bound bounds a probability and is ≥ 1.</param>
public sealed record SlackReport(string Bound, double Value, double Measured, double Ratio, double Slack, bool Vacuous)
{
    /// <summary>True iff the measured quantity respects the bound (Slack ≥ 0).</summary>
    public bool Holds => Slack >= 0;

    /// <summary>Builds the report for <paramref name="bound"/> against <paramref name="measured"/>.</summary>
    public static SlackReport Of(BoundEvaluation bound, double measured)
    {
        ArgumentNullException.ThrowIfNull(bound);
        return new SlackReport(bound.Bound, bound.Value, measured, RatioOf(bound.Value, measured), bound.Value - measured, bound.Vacuous);
    }

    /// <summary>value / measured with the conventions 0/0 = 1 and x/0 = +∞ for x &gt; 0.</summary>
    public static double RatioOf(double value, double measured)
    {
        if (measured == 0) return value == 0 ? 1 : double.PositiveInfinity;
        return value / measured;
    }
}
