using System.Globalization;

namespace Collapse.Theory.IO;

/// <summary>
/// The two ways numbers are written, one for files a program reads back and one for people (docs/cli.md,
/// "Number and JSON conventions"). Everything is culture-invariant.
/// </summary>
public static class NumberFormat
{
    /// <summary>The data form (CSV cells, data files, command lines): the shortest string that parses back to the
    /// same double ("R"), and <c>nan</c>, <c>inf</c>, <c>-inf</c> for the non-finite values (as NumPy and pandas
    /// spell them). <see cref="TryParseData"/> reads all of these back.</summary>
    public static string Data(double v) =>
        double.IsNaN(v) ? "nan"
        : double.IsPositiveInfinity(v) ? "inf"
        : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The display form (tables, reports, console lines, claim details): 6 significant digits with a
    /// lower-case exponent, <c>n/a</c> for NaN, <c>∞</c> and <c>−∞</c> for the infinities.</summary>
    public static string Display(double v) =>
        double.IsNaN(v) ? "n/a"
        : double.IsPositiveInfinity(v) ? "∞"
        : double.IsNegativeInfinity(v) ? "−∞"
        : v.ToString("G6", CultureInfo.InvariantCulture).Replace('E', 'e');

    /// <summary>Reads a data-form number: what <see cref="Data"/> writes, any invariant floating-point literal, and an
    /// empty cell as NaN (a missing value).</summary>
    public static bool TryParseData(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        switch (t.ToLowerInvariant())
        {
            case "" or "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
