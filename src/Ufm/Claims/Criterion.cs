using Collapse.Theory.IO;
using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.Ufm.Claims;

/// <summary>
/// One condition of a UFM claim's verdict: a measured value against a threshold (an upper bound, value ≤ threshold,
/// or a lower bound, value ≥ threshold; NaN never passes), or a qualitative condition (e.g. "strictly decreasing").
/// The thresholds are the claim's parameters, set from the measured variability over seeds with ≥ 3× headroom
/// (docs/ufm.md, "Tolerances"); <see cref="UsedFraction"/> is the share of the threshold a run used (1/headroom).
/// </summary>
/// <param name="Name">Short name, e.g. "nc1" or "decay exponent γ".</param>
/// <param name="Value">Measured value (NaN for a qualitative condition).</param>
/// <param name="Threshold">Threshold (NaN for a qualitative condition).</param>
/// <param name="Upper">True: value ≤ threshold is required; false: value ≥ threshold.</param>
/// <param name="Qualitative">Whether a qualitative condition passed (null for a threshold condition).</param>
/// <param name="Failure">What a failure means, in words (for the falsifying instance).</param>
internal sealed record Criterion(string Name, double Value, double Threshold, bool Upper, bool? Qualitative = null, string Failure = "")
{
    /// <summary>value ≤ threshold (<paramref name="name"/>).</summary>
    public static Criterion AtMost(string name, double value, double threshold) => new(name, value, threshold, true);

    /// <summary>value ≥ threshold (<paramref name="name"/>).</summary>
    public static Criterion AtLeast(string name, double value, double threshold) => new(name, value, threshold, false);

    /// <summary>A condition without a threshold; <paramref name="failure"/> describes a violation.</summary>
    public static Criterion Holds(string name, bool passes, string failure) => new(name, double.NaN, double.NaN, true, passes, failure);

    /// <summary>Whether the condition holds.</summary>
    public bool Passes => Qualitative ?? (Upper ? Value <= Threshold : Value >= Threshold);

    /// <summary>value/threshold (upper bound) or threshold/value (lower bound): ≤ 1 iff it passes; NaN when qualitative.</summary>
    public double UsedFraction => Qualitative is not null ? double.NaN
        : Upper ? (Threshold > 0 ? Value / Threshold : Value <= 0 ? 0 : double.PositiveInfinity)
        : (Value > 0 ? Threshold / Value : double.PositiveInfinity);

    /// <summary>"name v ≤ t" as text.</summary>
    public string Describe() => Qualitative is bool q ? $"{Name}: {(q ? "yes" : "NO")}"
        : $"{Name} {Num(Value)} ({(Upper ? "≤" : "≥")} {Num(Threshold)}{(Passes ? "" : ": VIOLATED")})";

    /// <summary>The violation text of a failed condition.</summary>
    public string Violation() => Qualitative is not null ? $"{Name}: {Failure}"
        : $"{Name} = {Num(Value)}; required {(Upper ? "≤" : "≥")} {Num(Threshold)}";

    /// <summary>A number in the display form of the one convention (<see cref="NumberFormat.Display"/>).</summary>
    public static string Num(double v) => NumberFormat.Display(v);

    /// <summary>
    /// The result of a list of conditions: Holds iff all pass; Measured = the largest <see cref="UsedFraction"/> u over the
    /// threshold conditions (≤ 1 when they all pass; 1/u is the run's headroom), Expected = 0, Tolerance = 1, and
    /// <see cref="CaseStatistics.WorstExcess"/> = u, so that <c>collapse bench claims</c> reports headroom = 1/u.
    /// </summary>
    public static (ClaimResult Result, IReadOnlyList<string> Violations) Judge(string claimId, IReadOnlyList<Criterion> criteria,
        IReadOnlyDictionary<string, string> parameters, int seed, string detail)
    {
        var used = criteria.Where(c => c.Qualitative is null).Select(c => double.IsNaN(c.UsedFraction) ? double.PositiveInfinity : c.UsedFraction).DefaultIfEmpty(0).Max();
        var holds = criteria.All(c => c.Passes);
        var violations = criteria.Where(c => !c.Passes).Select(c => c.Violation()).ToList();
        var full = $"{detail} Conditions: {string.Join("; ", criteria.Select(c => c.Describe()))}; largest share of a threshold used {Num(used)}.";
        var result = new ClaimResult(claimId, parameters, used, 0.0, 1.0, holds ? Verdict.Holds : Verdict.Fails, seed, full)
        {
            Cases = new CaseStatistics(1, 0, null, double.NaN, double.NaN) { WorstExcess = used },
        };
        return (result, violations);
    }
}
