using Collapse.Reports.Sweeps;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Merging;
using Collapse.Sweeps.Planning;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Builds the report section of a sweep (<c>collapse report --sweep DIR</c>) from its merged table: Sweeps chooses
/// the plots, Reports renders them; this is the one place that knows both.
/// </summary>
public static class SweepReportBuilder
{
    /// <summary>Most rows shown in the report's table preview (sweep.csv has them all).</summary>
    public const int MaxRows = 500;

    /// <summary>Most result columns shown in the table preview.</summary>
    public const int MaxResultColumns = 8;

    /// <summary>Merges <paramref name="plan"/> (writing sweep.csv, sweep-status.csv, sweep-axes.csv) and builds its report.</summary>
    public static SweepReport Build(SweepPlan plan)
    {
        var table = SweepMerger.Merge(plan);
        var files = SweepMerger.Write(table);
        var points = AxisSummary.Compute(table);
        var plots = SweepPlots.Build(table, points);

        var axisKeys = plan.Spec.Axes.Select(a => a.Key).ToList();
        var shownResults = SweepPlots.Preferred.Where(table.ResultColumns.Contains)
            .Concat(table.ResultColumns.Where(c => c.Contains("verdict", StringComparison.OrdinalIgnoreCase)))
            .Concat(points.Select(p => p.Metric).Where(m => !m.StartsWith("config.", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).Take(MaxResultColumns).ToList();
        var all = table.Columns;
        var keep = new List<int> { 0, 1, 2 };
        keep.AddRange(axisKeys.Select(k => all.ToList().IndexOf(k)));
        keep.AddRange(shownResults.Select(m => all.ToList().IndexOf(table.ResultHeader(m))));
        keep.Add(all.Count - 1);
        keep = keep.Where(i => i >= 0).Distinct().ToList();
        var rows = table.Rows.Take(MaxRows).Select(r => { var cells = table.Cells(r); return (IReadOnlyList<string>)keep.Select(i => cells[i]).ToList(); }).ToList();

        var failures = table.Rows.Where(r => r.State == RunState.Failed)
            .Select(r => new SweepFailure(r.Run.Index, r.Run.Id, Point(plan, r.Run), r.Status?.ErrorLine ?? "")).ToList();
        var fixedText = plan.Spec.Fixed.SelectMany(o => o.Arguments());
        return new SweepReport(
            plan.Spec.Name,
            string.Join(' ', ["collapse", .. plan.Spec.Command, .. fixedText]),
            plan.Spec.Axes.Select(a => $"{a.Key}{(a.IsSeed ? " (seeds)" : "")}: {string.Join(", ", a.Values.Select(v => v.Text))}").ToList(),
            table.Rows.Count, table.Count(RunState.Done), table.Count(RunState.Failed), table.Count(RunState.Pending),
            failures, plots, keep.Select(i => all[i]).ToList(), rows, files.Table);
    }

    /// <summary>The axis values of a run, <c>k=v</c> joined by spaces.</summary>
    public static string Point(SweepPlan plan, PlannedRun run)
    {
        var axes = plan.Spec.Axes.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', run.Config.Options.Where(o => axes.Contains(o.Key)).Select(o => $"{o.Key}={o.CellText}"));
    }
}
