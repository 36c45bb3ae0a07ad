using System.Globalization;
using System.Text;
using Collapse.Theory.IO;

namespace Collapse.Ufm.Trajectories;

/// <summary>
/// trajectory.csv: header of camelCase column names (<see cref="TrajectoryRow.Columns"/>), one row per logged step,
/// shortest round-trip float formatting (invariant culture), <c>nan</c>/<c>inf</c>/<c>-inf</c> for non-finite values
/// (all parsed by Python's float and by pandas).
/// </summary>
public static class TrajectoryCsv
{
    /// <summary>The CSV text of the rows.</summary>
    public static string Format(IEnumerable<TrajectoryRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', TrajectoryRow.Columns.Select(c => c.Name)).Append('\n');
        foreach (var row in rows)
        {
            var first = true;
            foreach (var (name, get) in TrajectoryRow.Columns)
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append(name == "step" ? row.Step.ToString(CultureInfo.InvariantCulture) : Number(get(row)));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the CSV atomically.</summary>
    public static void Write(string path, IEnumerable<TrajectoryRow> rows) =>
        AtomicFile.WriteAllText(path, Format(rows));

    /// <summary>One value: shortest round-trip form, or nan/inf/-inf.</summary>
    public static string Number(double v) => NumberFormat.Data(v);
}
