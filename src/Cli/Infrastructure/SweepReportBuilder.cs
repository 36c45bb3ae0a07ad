using Collapse.Reports.Sweeps;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Merging;
using Collapse.Sweeps.Planning;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Builds the report section of a sweep (<c>collapse report --sweep DIR</c>) from its merged table: Sweeps chooses
/// the plots and the table preview (<see cref="SweepPreview"/>), Reports renders them; this is the one place that
/// knows both, and it only maps one model onto the other.
/// </summary>
public static class SweepReportBuilder
{
    /// <summary>Merges <paramref name="plan"/> (writing sweep.csv, sweep-status.csv, sweep-axes.csv) and builds its report.</summary>
    public static SweepReport Build(SweepPlan plan)
    {
        var table = SweepMerger.Merge(plan);
        var files = SweepMerger.Write(table);
        var points = AxisSummary.Compute(table);
        var plots = SweepPlots.Build(table, points);
        var preview = SweepPreview.Of(plan, table, points);
        var failures = table.Rows.Where(r => r.State == RunState.Failed)
            .Select(r => new SweepFailure(r.Run.Index, r.Run.Id, SweepPreview.Point(plan, r.Run), r.Status?.ErrorLine ?? "")).ToList();
        var fixedText = plan.Spec.Fixed.SelectMany(o => o.Arguments());
        return new SweepReport(
            plan.Spec.Name,
            string.Join(' ', ["collapse", .. plan.Spec.Command, .. fixedText]),
            plan.Spec.Axes.Select(a => $"{a.Key}{(a.IsSeed ? " (seeds)" : "")}: {string.Join(", ", a.Values.Select(v => v.Text))}").ToList(),
            table.Rows.Count, table.Count(RunState.Done), table.Count(RunState.Failed), table.Count(RunState.Pending),
            failures, plots, preview.Columns, preview.Rows, files.Table);
    }
}
