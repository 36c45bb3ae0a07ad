using System.Globalization;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Specs;

namespace Collapse.Sweeps.Merging;

/// <summary>
/// Plot data of a sweep: every numeric result column against every axis that takes two or more values, one series
/// per combination of the other non-seed axes, each point the mean/std/min/max over the runs that share it (the
/// seeds). E.g. the minority-collapse angle vs the imbalance ratio, one line per K; the final SVM distance vs steps;
/// a permutation spread vs seeds.
/// </summary>
public static class AxisSummary
{
    /// <summary>The plot points of <paramref name="table"/>'s done runs.</summary>
    public static IReadOnlyList<AxisPoint> Compute(SweepTable table)
    {
        var axes = table.Plan.Spec.Axes.Where(a => a.Values.Count >= 2).ToList();
        var done = table.Rows.Where(r => r.State == RunState.Done).ToList();
        var metrics = table.ResultColumns.Where(c => IsNumericColumn(done, c)).ToList();
        var points = new List<AxisPoint>();
        foreach (var axis in axes)
        {
            var others = axes.Where(a => a != axis && !a.IsSeed).ToList();
            foreach (var metric in metrics)
            {
                var groups = new Dictionary<(string Series, string X), List<double>>();
                var seriesOrder = new List<string>();
                foreach (var row in done)
                {
                    if (!row.Results.TryGetValue(metric, out var text) || !TryNumber(text, out var y)) continue;
                    var options = row.Run.Config.Options;
                    var x = Value(options, axis.Key);
                    var series = others.Count == 0 ? "all" : string.Join(' ', others.Select(o => $"{o.Key}={Value(options, o.Key)}"));
                    if (!seriesOrder.Contains(series)) seriesOrder.Add(series);
                    if (!groups.TryGetValue((series, x), out var list)) groups[(series, x)] = list = [];
                    list.Add(y);
                }
                foreach (var series in seriesOrder)
                    foreach (var xv in axis.Values)
                        if (groups.TryGetValue((series, xv.Text), out var ys))
                            points.Add(Summarize(axis.Key, xv.Text, series, metric, ys));
            }
        }
        return points;
    }

    private static AxisPoint Summarize(string axis, string x, string series, string metric, List<double> ys)
    {
        var mean = 0.0;
        foreach (var y in ys) mean += y;
        mean /= ys.Count;
        var ss = 0.0;
        foreach (var y in ys) ss += (y - mean) * (y - mean);
        var std = ys.Count > 1 ? Math.Sqrt(ss / (ys.Count - 1)) : 0.0;
        return new AxisPoint(axis, x, series, metric, ys.Count, mean, std, ys.Min(), ys.Max());
    }

    private static string Value(IReadOnlyList<SweepOption> options, string key) =>
        options.FirstOrDefault(o => o.Key == key)?.CellText ?? "";

    private static bool IsNumericColumn(List<SweepRow> rows, string column)
    {
        var any = false;
        foreach (var r in rows)
        {
            if (!r.Results.TryGetValue(column, out var text) || text.Length == 0) continue;
            if (!TryNumber(text, out _)) return false;
            any = true;
        }
        return any;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
