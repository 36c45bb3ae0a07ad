using System.Globalization;

namespace Collapse.Sweeps.Specs;

/// <summary>What kind of JSON scalar a <see cref="SweepValue"/> came from.</summary>
public enum SweepValueKind
{
    /// <summary>A number (integer or floating point).</summary>
    Number,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A boolean: <c>true</c> passes the bare flag, <c>false</c> leaves it out.</summary>
    Boolean,
}

/// <summary>
/// One value of a sweep option, kept as the canonical text handed to the command line: integers without a decimal
/// point, other numbers in shortest round-trip form (so <c>1</c>, <c>1.0</c> and <c>1e0</c> are the same point and
/// the same run id), strings verbatim, booleans as <c>true</c>/<c>false</c>.
/// </summary>
/// <param name="Kind">The JSON kind the value came from.</param>
/// <param name="Text">The canonical text.</param>
public sealed record SweepValue(SweepValueKind Kind, string Text)
{
    /// <summary>A number in canonical form.</summary>
    public static SweepValue Number(double x) => new(SweepValueKind.Number, FormatNumber(x));

    /// <summary>A string value.</summary>
    public static SweepValue String(string s) => new(SweepValueKind.Text, s);

    /// <summary>A boolean value.</summary>
    public static SweepValue Bool(bool b) => new(SweepValueKind.Boolean, b ? "true" : "false");

    /// <summary>The value as a double when it is a number, else null.</summary>
    public double? AsNumber => Kind == SweepValueKind.Number && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;

    /// <summary>Canonical text of a number: integral values below 2^53 as integers, others shortest round-trip.</summary>
    public static string FormatNumber(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "sweep values must be finite");
        if (x == Math.Floor(x) && Math.Abs(x) < 9007199254740992.0)
            return ((long)x).ToString(CultureInfo.InvariantCulture);
        return x.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
