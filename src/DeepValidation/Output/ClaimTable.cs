using System.Globalization;
using System.Text;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// <c>claims.csv</c> of a run folder: <c>claimId,verdict,measured,expected,tolerance,detail</c>, one row per verdict,
/// numbers invariant-culture round-trip, the detail quoted (read by <c>collapse report --run</c>).
/// </summary>
public static class ClaimTable
{
    /// <summary>Writes the table atomically.</summary>
    public static void Write(string path, IReadOnlyList<ClaimResult> claims) => AtomicFile.WriteAllText(path, Format(claims), createFolder: true);

    /// <summary>The CSV text.</summary>
    public static string Format(IReadOnlyList<ClaimResult> claims)
    {
        var sb = new StringBuilder("claimId,verdict,measured,expected,tolerance,detail\n");
        foreach (var c in claims)
            sb.Append(c.ClaimId).Append(',').Append(c.Verdict.Word()).Append(',')
              .Append(NumberFormat.Data(c.Measured)).Append(',')
              .Append(NumberFormat.Data(c.Expected)).Append(',')
              .Append(NumberFormat.Data(c.Tolerance)).Append(',')
              .Append('"').Append(c.Detail.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        return sb.ToString();
    }
}
