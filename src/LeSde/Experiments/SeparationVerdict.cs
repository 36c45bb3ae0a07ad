using Collapse.Theory.Claims;

namespace Collapse.LeSde.Experiments;

/// <summary>
/// The verdict on one schedule of the separation experiment. The statement predicts the limit of the separable
/// probability from the rate class of γ_t relative to t^{−q}, q = the boundary exponent (1 in the statement:
/// γ_t = Θ(1/t)): a schedule with p &lt; q should reach probability 1, one with p &gt; q probability 0. At the horizon
/// the Wilson 95% interval of the separable fraction decides: predicted 1 holds when its lower end is ≥ 1 − tolerance
/// and fails when its upper end is below 1 − tolerance; predicted 0 holds when its upper end is ≤ tolerance and fails
/// when its lower end is above it; otherwise inconclusive (also at p = q, where the statement predicts nothing).
/// </summary>
/// <param name="Curve">The measured curve.</param>
/// <param name="Predicted">1, 0, or NaN (no prediction).</param>
/// <param name="Verdict">Holds, Fails or Inconclusive.</param>
/// <param name="Deviation">|fraction at the horizon − predicted limit| (NaN without a prediction).</param>
public sealed record SeparationVerdict(SeparationCurve Curve, double Predicted, Verdict Verdict, double Deviation)
{
    /// <summary>Judges <paramref name="curve"/> against the boundary exponent and tolerance.</summary>
    public static SeparationVerdict Judge(SeparationCurve curve, double boundaryExponent, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var final = curve.Final;
        if (curve.Exponent == boundaryExponent) return new SeparationVerdict(curve, double.NaN, Verdict.Inconclusive, double.NaN);
        var predicted = curve.Exponent < boundaryExponent ? 1.0 : 0.0;
        var verdict = predicted == 1
            ? final.Lower >= 1 - tolerance ? Verdict.Holds : final.Upper < 1 - tolerance ? Verdict.Fails : Verdict.Inconclusive
            : final.Upper <= tolerance ? Verdict.Holds : final.Lower > tolerance ? Verdict.Fails : Verdict.Inconclusive;
        return new SeparationVerdict(curve, predicted, verdict, Math.Abs(final.Fraction - predicted));
    }
}
