using System.Globalization;
using System.Text;
using System.Text.Json;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Merging;

/// <summary>The files a merge wrote.</summary>
/// <param name="Table">DIR/sweep.csv: one row per run (configuration, results, verdicts, state, error line).</param>
/// <param name="Status">DIR/sweep-status.csv: index, id, state, exit code, wall seconds, host, error line.</param>
/// <param name="Axes">DIR/sweep-axes.csv: plot data (<see cref="AxisPoint"/> per line).</param>
public sealed record MergeFiles(string Table, string Status, string Axes);

/// <summary>
/// Merges the runs of a sweep folder into one table. Result keys that merely echo the run's option with the same value
/// are left out. Reads only what runs finished writing (status.json is written
/// last, result.json before it), so a merge during a running sweep is safe and lists the rest as pending.
/// </summary>
public static class SweepMerger
{
    /// <summary>The merged table of <paramref name="plan"/>.</summary>
    /// <exception cref="InputException">A status or result file is malformed.</exception>
    public static SweepTable Merge(SweepPlan plan)
    {
        var exclude = plan.Spec.Exclude.ToHashSet(StringComparer.Ordinal);
        var rows = new List<SweepRow>(plan.Runs.Count);
        var resultColumns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in plan.Runs)
        {
            var runDir = plan.RunDir(run);
            var status = RunStatus.Read(runDir);
            var state = status?.State ?? RunState.Pending;
            var results = new Dictionary<string, string>(StringComparer.Ordinal);
            if (state == RunState.Done)
            {
                using var doc = SweepJson.ReadObject(SweepLayout.ResultFile(runDir));
                var options = run.Config.Options.ToDictionary(o => o.Key, o => o.CellText, StringComparer.Ordinal);
                foreach (var (key, value) in ResultFlattener.Flatten(doc.RootElement, exclude))
                {
                    // A result that only echoes the run's own option (etf prints its --classes) adds nothing.
                    if (options.TryGetValue(key, out var option) && option == value) continue;
                    if (!results.TryAdd(key, value)) continue;
                    if (seen.Add(key)) resultColumns.Add(key);
                }
            }
            rows.Add(new SweepRow(run, state, status, results));
        }
        var configColumns = plan.Spec.Axes.Select(a => a.Key).Concat(plan.Spec.Fixed.Select(f => f.Key)).ToList();
        return new SweepTable(plan, configColumns, resultColumns, rows);
    }

    /// <summary>Writes sweep.csv, sweep-status.csv and sweep-axes.csv into the sweep folder (each atomically).</summary>
    public static MergeFiles Write(SweepTable table)
    {
        var dir = table.Plan.Directory;
        var files = new MergeFiles(SweepLayout.TableFile(dir), SweepLayout.StatusTableFile(dir), SweepLayout.AxesFile(dir));

        var main = new StringBuilder(Csv.Line(table.Columns));
        foreach (var row in table.Rows) main.Append(Csv.Line(table.Cells(row)));
        WriteText(files.Table, main.ToString());

        var status = new StringBuilder(Csv.Line(["index", "id", "state", "exitCode", "wallSeconds", "host", "finishedUtc", "errorLine"]));
        foreach (var row in table.Rows)
        {
            var s = row.Status;
            status.Append(Csv.Line([
                row.Run.Index.ToString(CultureInfo.InvariantCulture), row.Run.Id, SweepTable.StateName(row.State),
                s?.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "",
                s is null || double.IsNaN(s.WallSeconds) ? "" : s.WallSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                s?.Host ?? "",
                s is null || s.FinishedUtc == DateTimeOffset.MinValue ? "" : s.FinishedUtc.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
                s?.ErrorLine ?? ""]));
        }
        WriteText(files.Status, status.ToString());

        var axes = new StringBuilder(Csv.Line(["axis", "x", "series", "metric", "n", "mean", "std", "min", "max"]));
        foreach (var p in AxisSummary.Compute(table))
            axes.Append(Csv.Line([p.Axis, p.X, p.Series, p.Metric, p.Count.ToString(CultureInfo.InvariantCulture), R(p.Mean), R(p.Std), R(p.Min), R(p.Max)]));
        WriteText(files.Axes, axes.ToString());
        return files;
    }

    private static string R(double x) => NumberFormat.Data(x);

    private static void WriteText(string path, string text) => AtomicFile.WriteAllText(path, text);
}
