using System.Globalization;

namespace Collapse.Theory.Claims;

/// <summary>
/// One declared parameter of a claim: its name, type, default (an invariant string), what it means, and the values it
/// accepts (an inclusive range for numbers, a list of allowed values for text). A parameter whose purpose is to select
/// a deliberately false variant is an ordinary parameter whose description says so (e.g. <c>dimPower</c>: "2 = the
/// statement; 0 drops the d² factor (false variant, falsifier)"). Build one with <see cref="Int"/>, <see cref="Real"/>,
/// <see cref="Text"/>, <see cref="IntList"/> or <see cref="RealList"/>.
/// </summary>
/// <param name="Name">Parameter name (letters and digits, starting with a letter; e.g. <c>maxClasses</c>).</param>
/// <param name="Type">Value type.</param>
/// <param name="Default">Default value as an invariant string.</param>
/// <param name="Description">What the parameter means (and which values are deliberately false variants).</param>
public sealed record ClaimParameter(string Name, ClaimParameterType Type, string Default, string Description)
{
    /// <summary>Smallest accepted value (inclusive; numbers and list entries); null when unbounded.</summary>
    public double? Min { get; init; }

    /// <summary>Largest accepted value (inclusive; numbers and list entries); null when unbounded.</summary>
    public double? Max { get; init; }

    /// <summary>Accepted values of a text parameter (ordinal comparison); empty means any text.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>An integer parameter with an optional inclusive range.</summary>
    public static ClaimParameter Int(string name, int @default, string description, int? min = null, int? max = null) =>
        new(name, ClaimParameterType.Int, @default.ToString(CultureInfo.InvariantCulture), description) { Min = min, Max = max };

    /// <summary>A real parameter with an optional inclusive range (non-finite values are always rejected).</summary>
    public static ClaimParameter Real(string name, double @default, string description, double? min = null, double? max = null) =>
        new(name, ClaimParameterType.Real, FormatReal(@default), description) { Min = min, Max = max };

    /// <summary>A text parameter; when <paramref name="allowed"/> is non-empty only those values are accepted.</summary>
    public static ClaimParameter Text(string name, string @default, string description, params string[] allowed) =>
        new(name, ClaimParameterType.Text, @default, description) { Allowed = allowed };

    /// <summary>A comma-separated integer list (may be empty), each entry in the optional inclusive range.</summary>
    public static ClaimParameter IntList(string name, string @default, string description, int? min = null, int? max = null) =>
        new(name, ClaimParameterType.IntList, @default, description) { Min = min, Max = max };

    /// <summary>A comma-separated list of at least one finite number, each entry in the optional inclusive range.</summary>
    public static ClaimParameter RealList(string name, string @default, string description, double? min = null, double? max = null) =>
        new(name, ClaimParameterType.RealList, @default, description) { Min = min, Max = max };

    /// <summary>What the parameter accepts, in words (e.g. "an integer in [2, 1000]", "one of: K-1, 1").</summary>
    public string Range => Type switch
    {
        ClaimParameterType.Int => "an integer" + Interval(),
        ClaimParameterType.Real => "a finite number" + Interval(),
        ClaimParameterType.IntList => "a comma-separated list of integers" + Interval(" each"),
        ClaimParameterType.RealList => "a comma-separated list of numbers" + Interval(" each"),
        _ => Allowed.Count == 0 ? "any text" : "one of: " + string.Join(", ", Allowed),
    };

    /// <summary>Parses <paramref name="raw"/> into the typed value (int, double, string, int[] or double[]); null when it is not accepted.</summary>
    public object? TryParse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        switch (Type)
        {
            case ClaimParameterType.Int:
                return int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && InRange(i) ? i : null;
            case ClaimParameterType.Real:
                return TryReal(raw, out var r) && InRange(r) ? r : null;
            case ClaimParameterType.IntList:
                {
                    var list = new List<int>();
                    foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || !InRange(v)) return null;
                        list.Add(v);
                    }
                    return list.ToArray();
                }
            case ClaimParameterType.RealList:
                {
                    var list = new List<double>();
                    foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!TryReal(part, out var v) || !InRange(v)) return null;
                        list.Add(v);
                    }
                    return list.Count == 0 ? null : list.ToArray();
                }
            default:
                return Allowed.Count == 0 || Allowed.Contains(raw, StringComparer.Ordinal) ? raw : null;
        }
    }

    /// <summary>Invariant shortest round-trip form of a real default (lower-case exponent, e.g. <c>1e-06</c>).</summary>
    public static string FormatReal(double v) => v.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');

    private static bool TryReal(string raw, out double v) =>
        double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    private bool InRange(double v) => (Min is not { } lo || v >= lo) && (Max is not { } hi || v <= hi);

    private string Interval(string each = "")
    {
        string F(double v) => Type is ClaimParameterType.Int or ClaimParameterType.IntList
            ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("G6", CultureInfo.InvariantCulture);
        return (Min, Max) switch
        {
            ({ } lo, { } hi) => $"{each} in [{F(lo)}, {F(hi)}]",
            ({ } lo, null) => $"{each} ≥ {F(lo)}",
            (null, { } hi) => $"{each} ≤ {F(hi)}",
            _ => "",
        };
    }
}
