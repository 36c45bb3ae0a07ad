using System.Collections.ObjectModel;
using System.Globalization;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The reasons a metric of <see cref="MetricReport"/> has no finite value (docs/metrics.md, "Degenerate geometry and
/// extreme scales"): undefined quantities (a division by an exact zero of the geometry) are reported as null with one of
/// these reasons, values outside the float64 range as ±∞ with <see cref="Overflow"/>.
/// </summary>
public static class MetricUndefined
{
    /// <summary>Every class mean is the same vector: M̃ = 0, Σ_B = 0.</summary>
    public const string MeansCoincide = "all class means coincide";

    /// <summary>The classifier W is the zero matrix.</summary>
    public const string ZeroClassifier = "the classifier W is zero";

    /// <summary>Every feature vector is zero (‖H‖_F = 0).</summary>
    public const string ZeroFeatures = "every feature vector is zero";

    /// <summary>The true value exceeds the float64 range.</summary>
    public const string Overflow = "not representable in float64 (overflows)";

    /// <summary>A value came out NaN without a known geometric reason.</summary>
    public const string NotANumber = "not a number (an indeterminate form in the arithmetic)";

    /// <summary>No entries.</summary>
    public static readonly IReadOnlyDictionary<string, string> None = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    /// <summary>Classes <paramref name="k"/> &lt; <paramref name="l"/> have bit-for-bit the same mean: their CDNV term divides by 0.</summary>
    public static string EqualMeans(int k, int l) => string.Create(CultureInfo.InvariantCulture,
        $"classes {k} and {l} have the same mean (their CDNV term divides by ‖μ_{k} − μ_{l}‖² = 0)");

    /// <summary>Class <paramref name="k"/>'s mean equals the global mean: the angles of its centred mean are undefined.</summary>
    public static string ZeroCentredMean(int k) => string.Create(CultureInfo.InvariantCulture,
        $"the mean of class {k} equals the global mean (its centred mean is 0, so its angles are undefined)");

    /// <summary>The JSON keys of <see cref="MetricReport"/> that can lack a finite value, in report order.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier", "equiangularity", "maxAngle", "etfGramError", "nc3",
        "minMargin", "normalizedMargin", "ufmNormalizedMargin", "smoothedMargin", "normalizedSmoothedMargin", "ufmNormalizedSmoothedMargin",
        "ce", "logCe", "pairMarginMean", "pairMarginStd", "pairMarginMax",
    ];

    /// <summary><paramref name="reasons"/> as a read-only dictionary in the order of <see cref="Keys"/> (other keys last).</summary>
    public static IReadOnlyDictionary<string, string> InKeyOrder(IReadOnlyDictionary<string, string> reasons)
    {
        var d = new Dictionary<string, string>();
        foreach (var k in Keys)
            if (reasons.TryGetValue(k, out var r)) d[k] = r;
        foreach (var (k, r) in reasons) d.TryAdd(k, r);
        return new ReadOnlyDictionary<string, string>(d);
    }

    /// <summary>A read-only dictionary of the given (key, reason) pairs (the first reason of a key wins).</summary>
    public static IReadOnlyDictionary<string, string> Of(params (string Key, string Reason)[] entries)
    {
        var d = new Dictionary<string, string>();
        foreach (var (key, reason) in entries) d.TryAdd(key, reason);
        return new ReadOnlyDictionary<string, string>(d);
    }
}
