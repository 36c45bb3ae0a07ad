using Collapse.Reports.Model;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Plots;

/// <summary>
/// Report-level plots built from the verdicts alone (no claim cooperation needed): how far each claim's measured
/// value is from its expected value or bound (beside its tolerance), and how long each check took. Shown in the
/// report's summary.
/// </summary>
public static class OverviewPlots
{
    /// <summary>
    /// |measured − expected| per claim (x = the claim's number in the summary table), one series per kind, with each
    /// claim's tolerance as a separate series; log y. For identities the difference is the numerical error, to be read
    /// against the tolerance; for inequalities stated as measured ≤ bound it is the distance of the worst case from
    /// the bound. Non-finite values and zeros are not drawn (the renderer counts them).
    /// </summary>
    public static PlotSpec Difference(ClaimReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var byKind = new SortedDictionary<ClaimKind, (List<double> X, List<double> Y)>();
        var tolX = new List<double>();
        var tolY = new List<double>();
        for (var i = 0; i < report.Sections.Count; i++)
        {
            var r = report.Sections[i].Result;
            var kind = report.Sections[i].Kind;
            if (!byKind.TryGetValue(kind, out var series)) byKind[kind] = series = ([], []);
            series.X.Add(i + 1);
            series.Y.Add(Math.Abs(r.Measured - r.Expected));
            tolX.Add(i + 1);
            tolY.Add(r.Tolerance);
        }
        var list = byKind.Select(kv => new PlotSeries(kv.Key.ToString().ToLowerInvariant(), kv.Value.X, kv.Value.Y) { Style = SeriesStyle.Points }).ToList();
        if (tolX.Count > 0) list.Add(new PlotSeries("tolerance", tolX, tolY) { Style = SeriesStyle.Points });
        return new PlotSpec("|measured − expected| per claim", "claim # (summary table)", "|measured − expected|",
            LogX: false, LogY: true, list)
        {
            Caption = "Identities: the numerical error, to read against the tolerance. Inequalities (measured ≤ bound): how far the worst case stays from the bound.",
        };
    }

    /// <summary>Wall time of each check (x = claim number), log y.</summary>
    public static PlotSpec WallTime(ClaimReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var x = new List<double>(report.Sections.Count);
        var y = new List<double>(report.Sections.Count);
        for (var i = 0; i < report.Sections.Count; i++)
        {
            x.Add(i + 1);
            y.Add(report.Sections[i].WallSeconds);
        }
        return new PlotSpec("Wall time per claim", "claim # (summary table)", "seconds", LogX: false, LogY: true,
            [new PlotSeries("wall time", x, y) { Style = SeriesStyle.Points }]);
    }

    /// <summary>Both overview plots (empty for an empty report).</summary>
    public static IReadOnlyList<PlotSpec> For(ClaimReport report) =>
        report.Sections.Count == 0 ? [] : [Difference(report), WallTime(report)];
}
