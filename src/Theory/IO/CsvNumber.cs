using System.Globalization;

namespace Collapse.Theory.IO;

/// <summary>
/// How result CSVs write a number: the shortest round-trip form in the invariant culture, and <c>nan</c>, <c>inf</c>,
/// <c>-inf</c> for non-finite values (all parsed by Python's <c>float</c> and by pandas). The same format as the UFM
/// trajectory.csv.
/// </summary>
public static class CsvNumber
{
    /// <summary>One value.</summary>
    public static string Format(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("R", CultureInfo.InvariantCulture);
}
