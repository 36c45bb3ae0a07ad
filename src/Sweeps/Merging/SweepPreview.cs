using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Merging;

/// <summary>
/// The part of a merged sweep table a report shows: the run columns, the axes, the preferred result columns (those
/// the plots use, verdicts, then summarised metrics; at most <see cref="MaxResultColumns"/>) and the state, for the
/// first <see cref="MaxRows"/> rows. sweep.csv keeps everything.
/// </summary>
/// <param name="Columns">Header of the preview.</param>
/// <param name="Rows">Cells of the preview rows, in <paramref name="Columns"/> order.</param>
public sealed record SweepPreview(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Most rows shown in the preview.</summary>
    public const int MaxRows = 500;

    /// <summary>Most result columns shown in the preview.</summary>
    public const int MaxResultColumns = 8;

    /// <summary>Chooses the preview of <paramref name="table"/> (merged from <paramref name="plan"/>).</summary>
    public static SweepPreview Of(SweepPlan plan, SweepTable table, IReadOnlyList<AxisPoint> points)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(points);
        var axisKeys = plan.Spec.Axes.Select(a => a.Key).ToList();
        var shownResults = SweepPlots.Preferred.Where(table.ResultColumns.Contains)
            .Concat(table.ResultColumns.Where(c => c.Contains("verdict", StringComparison.OrdinalIgnoreCase)))
            .Concat(points.Select(p => p.Metric).Where(m => !m.StartsWith("config.", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).Take(MaxResultColumns).ToList();
        var all = table.Columns.ToList();
        var keep = new List<int> { 0, 1, 2 };
        keep.AddRange(axisKeys.Select(k => all.IndexOf(k)));
        keep.AddRange(shownResults.Select(m => all.IndexOf(table.ResultHeader(m))));
        keep.Add(all.Count - 1);
        keep = keep.Where(i => i >= 0).Distinct().ToList();
        var rows = table.Rows.Take(MaxRows).Select(r =>
        {
            var cells = table.Cells(r);
            return (IReadOnlyList<string>)keep.Select(i => cells[i]).ToList();
        }).ToList();
        return new SweepPreview(keep.Select(i => all[i]).ToList(), rows);
    }

    /// <summary>The axis values of a run, <c>k=v</c> joined by spaces.</summary>
    public static string Point(SweepPlan plan, PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var axes = plan.Spec.Axes.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', run.Config.Options.Where(o => axes.Contains(o.Key)).Select(o => $"{o.Key}={o.CellText}"));
    }
}
