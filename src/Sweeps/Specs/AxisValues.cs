using System.Globalization;
using System.Text.Json;
using Collapse.Theory;

namespace Collapse.Sweeps.Specs;

/// <summary>
/// Expands an axis of a sweep spec into its values. An axis is a JSON array of scalars, or a range object:
/// <c>{"from": a, "to": b, "count": n}</c> (n evenly spaced values, both ends included),
/// <c>{"from": a, "to": b, "count": n, "scale": "log"}</c> (geometric spacing, a, b &gt; 0),
/// <c>{"from": a, "to": b, "step": s}</c> (a, a+s, … up to b), with <c>"integer": true</c> to round to integers.
/// </summary>
public static class AxisValues
{
    /// <summary>The most values one axis may have.</summary>
    public const int MaxValues = 100_000;

    /// <summary>Values of the axis at <paramref name="where"/> (for messages, e.g. <c>spec.json: axes.lambda</c>).</summary>
    /// <exception cref="InputException">The axis is empty, malformed, or has duplicate values.</exception>
    public static IReadOnlyList<SweepValue> Parse(JsonElement axis, string where)
    {
        var values = axis.ValueKind switch
        {
            JsonValueKind.Array => axis.EnumerateArray().Select((e, i) => Scalar(e, $"{where}[{i}]")).ToList(),
            JsonValueKind.Object => Range(axis, where),
            _ => throw new InputException($"{where}: expected a list of values or a range object {{\"from\", \"to\", \"count\" or \"step\"}}, got {Describe(axis)}"),
        };
        if (values.Count == 0) throw new InputException($"{where}: the axis has no values");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values)
            if (!seen.Add(v.Text)) throw new InputException($"{where}: value {v.Text} appears twice (each grid point must be distinct)");
        return values;
    }

    /// <summary>A scalar JSON value (number, string, boolean) as a <see cref="SweepValue"/>.</summary>
    /// <exception cref="InputException">The value is null, an array or an object, or a number beyond float64 (1e400).</exception>
    public static SweepValue Scalar(JsonElement e, string where) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out var l) ? new SweepValue(SweepValueKind.Number, l.ToString(CultureInfo.InvariantCulture)) : SweepValue.Number(Finite(e, where)),
        JsonValueKind.String => SweepValue.String(e.GetString()!),
        JsonValueKind.True => SweepValue.Bool(true),
        JsonValueKind.False => SweepValue.Bool(false),
        _ => throw new InputException($"{where}: expected a number, string or boolean, got {Describe(e)}"),
    };

    private static List<SweepValue> Range(JsonElement r, string where)
    {
        foreach (var p in r.EnumerateObject())
            if (p.Name is not ("from" or "to" or "count" or "step" or "scale" or "integer"))
                throw new InputException($"{where}: unknown range key '{p.Name}' (expected from, to, count or step, scale, integer)");
        var from = Number(r, "from", where) ?? throw new InputException($"{where}: a range needs \"from\"");
        var to = Number(r, "to", where) ?? throw new InputException($"{where}: a range needs \"to\"");
        var count = Number(r, "count", where);
        var step = Number(r, "step", where);
        var scale = r.TryGetProperty("scale", out var s) ? s.ValueKind == JsonValueKind.String ? s.GetString() : throw new InputException($"{where}.scale: expected \"linear\" or \"log\"") : "linear";
        var integer = r.TryGetProperty("integer", out var it)
            && (it.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? it.GetBoolean()
                : throw new InputException($"{where}.integer: expected true or false"));
        if (scale is not ("linear" or "log")) throw new InputException($"{where}.scale: '{scale}' is not linear or log");
        if ((count is null) == (step is null)) throw new InputException($"{where}: give exactly one of \"count\" and \"step\"");

        var raw = new List<double>();
        if (count is { } c)
        {
            if (c != Math.Floor(c) || c < 1) throw new InputException($"{where}.count: {SweepValue.FormatNumber(c)} is not a positive integer");
            if (c > MaxValues) throw new InputException($"{where}.count: {SweepValue.FormatNumber(c)} values exceed the limit of {MaxValues}");
            var n = (int)c;
            if (n == 1 && from != to) throw new InputException($"{where}: count 1 needs from = to");
            if (scale == "log")
            {
                if (from <= 0 || to <= 0) throw new InputException($"{where}: a log range needs from > 0 and to > 0");
                var (a, b) = (Math.Log(from), Math.Log(to));
                for (var i = 0; i < n; i++) raw.Add(i == 0 ? from : i == n - 1 ? to : Math.Exp(a + (b - a) * i / (n - 1)));
            }
            else
            {
                for (var i = 0; i < n; i++) raw.Add(i == 0 ? from : i == n - 1 ? to : from + (to - from) * i / (n - 1));
            }
        }
        else
        {
            var st = step!.Value;
            if (scale == "log") throw new InputException($"{where}: a log range takes \"count\", not \"step\"");
            if (st == 0 || Math.Sign(st) != Math.Sign(to - from) && to != from)
                throw new InputException($"{where}.step: {SweepValue.FormatNumber(st)} does not lead from {SweepValue.FormatNumber(from)} to {SweepValue.FormatNumber(to)}");
            var span = (to - from) / st;
            if (span + 1 > MaxValues) throw new InputException($"{where}: the range has more than {MaxValues} values");
            var n = (int)Math.Floor(span + 1e-9) + 1;
            for (var i = 0; i < n; i++) raw.Add(from + st * i);
        }

        var values = new List<SweepValue>(raw.Count);
        foreach (var x in raw)
        {
            // Round away the last-bit noise of a + i·s (0.1 + 2·0.1 → 0.3, not 0.30000000000000004).
            var v = integer ? Math.Round(x) : double.Parse(x.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            values.Add(SweepValue.Number(v));
        }
        if (integer && values.Select(v => v.Text).Distinct().Count() != values.Count)
            throw new InputException($"{where}: rounding to integers makes values coincide; use fewer points or a wider range");
        return values;
    }

    private static double Finite(JsonElement e, string where)
    {
        var x = e.GetDouble();
        return double.IsFinite(x) ? x : throw new InputException($"{where}: {e.GetRawText()} is beyond the range of a float64 number");
    }

    private static double? Number(JsonElement r, string name, string where)
    {
        if (!r.TryGetProperty(name, out var e)) return null;
        if (e.ValueKind != JsonValueKind.Number) throw new InputException($"{where}.{name}: expected a number, got {Describe(e)}");
        var x = e.GetDouble();
        if (!double.IsFinite(x)) throw new InputException($"{where}.{name}: must be finite");
        return x;
    }

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };
}
