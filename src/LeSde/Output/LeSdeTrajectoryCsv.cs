using System.Globalization;
using System.Text;
using Collapse.LeSde.Analysis;
using Collapse.Theory.IO;

namespace Collapse.LeSde.Output;

/// <summary>trajectory.csv of an LE-SDE run: the camelCase columns of <see cref="LeSdeSnapshot.Columns"/>, one row per logged time.</summary>
public static class LeSdeTrajectoryCsv
{
    /// <summary>The CSV text.</summary>
    public static string Format(IEnumerable<LeSdeSnapshot> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendJoin(',', LeSdeSnapshot.Columns.Select(c => c.Name)).Append('\n');
        foreach (var row in rows)
        {
            for (var i = 0; i < LeSdeSnapshot.Columns.Count; i++)
            {
                if (i > 0) sb.Append(',');
                var (name, get) = LeSdeSnapshot.Columns[i];
                sb.Append(name is "step" or "separablePairs" or "pairs"
                    ? ((long)get(row)).ToString(CultureInfo.InvariantCulture)
                    : CsvNumber.Format(get(row)));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the CSV atomically.</summary>
    public static void Write(string path, IEnumerable<LeSdeSnapshot> rows) =>
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(Format(rows))));
}
