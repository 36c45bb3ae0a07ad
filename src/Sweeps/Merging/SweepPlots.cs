using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.Sweeps.Merging;

/// <summary>
/// Chooses the plots of a sweep report from its <see cref="AxisPoint"/>s: for each numeric axis (non-seed axes first;
/// the seed axis only when it is the only one) and each result that varies across runs, the mean over seeds against
/// the axis, one line per combination of the other axes; with a single line, the min and max over seeds dashed
/// around it (e.g. the spread across seeds). Well-known NC quantities come first (<see cref="Preferred"/>).
/// </summary>
public static class SweepPlots
{
    /// <summary>Results plotted first when present (UFM and claim-check outputs).</summary>
    public static readonly IReadOnlyList<string> Preferred =
    [
        "final.maxAngle", "final.svmDirectionDistance", "final.minMargin", "final.normalizedMargin", "final.nc1",
        "final.nc3", "final.equiangularity", "final.etfGramError", "final.loss", "measured", "slack", "gramError",
    ];

    /// <summary>The plots, at most <paramref name="maxPlots"/>.</summary>
    public static IReadOnlyList<PlotSpec> Build(SweepTable table, IReadOnlyList<AxisPoint> points, int maxPlots = 12)
    {
        var axes = table.Plan.Spec.Axes.Where(a => a.Values.Count >= 2 && a.Values.All(v => v.AsNumber is not null)).ToList();
        var plotted = axes.Where(a => !a.IsSeed).ToList();
        if (plotted.Count == 0) plotted = axes;
        var varying = points.GroupBy(p => p.Metric)
            .Where(g => !g.Key.StartsWith("config.", StringComparison.Ordinal) && (g.Select(p => p.Mean).Distinct().Count() > 1 || g.Any(p => p.Std > 0)))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var metrics = Preferred.Where(varying.Contains)
            .Concat(table.ResultColumns.Where(c => varying.Contains(c) && !Preferred.Contains(c)))
            .ToList();

        var plots = new List<PlotSpec>();
        foreach (var metric in metrics)
            foreach (var axis in plotted)
            {
                if (plots.Count >= maxPlots) return plots;
                var mine = points.Where(p => p.Axis == axis.Key && p.Metric == metric).ToList();
                if (mine.Count == 0) continue;
                plots.Add(Plot(axis.Key, metric, mine, table.ResultHeader(metric)));
            }
        return plots;
    }

    private static PlotSpec Plot(string axis, string metric, List<AxisPoint> points, string label)
    {
        var series = new List<PlotSeries>();
        var groups = points.GroupBy(p => p.Series).ToList();
        foreach (var g in groups)
        {
            var ordered = g.OrderBy(p => X(p)).ToList();
            series.Add(new PlotSeries(groups.Count == 1 ? "mean" : g.Key, ordered.Select(X).ToList(), ordered.Select(p => p.Mean).ToList()));
            if (groups.Count == 1 && ordered.Any(p => p.Count > 1))
            {
                series.Add(new PlotSeries("min", ordered.Select(X).ToList(), ordered.Select(p => p.Min).ToList()) { Style = SeriesStyle.Dashed });
                series.Add(new PlotSeries("max", ordered.Select(X).ToList(), ordered.Select(p => p.Max).ToList()) { Style = SeriesStyle.Dashed });
            }
        }
        var xs = points.Select(X).ToList();
        var ys = series.SelectMany(s => s.Y).ToList();
        var logX = xs.All(x => x > 0) && xs.Max() / xs.Min() >= 50;
        var logY = ys.All(y => y > 0) && ys.Max() / ys.Min() >= 1e3;
        var n = points.Max(p => p.Count);
        return new PlotSpec($"{label} vs {axis}", axis, label, logX, logY, series)
        {
            Caption = n > 1
                ? $"Mean over up to {n} runs (seeds) per point{(groups.Count == 1 ? "; dashed: min and max" : "; one line per setting of the other axes")}. Data: sweep-axes.csv."
                : "One run per point. Data: sweep-axes.csv.",
        };
    }

    private static double X(AxisPoint p) => double.Parse(p.X, NumberStyles.Float, CultureInfo.InvariantCulture);
}
