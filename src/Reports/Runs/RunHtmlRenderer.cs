using System.Globalization;
using System.Net;
using System.Text;
using Collapse.Reports.Model;
using Collapse.Reports.Plots;
using Collapse.Reports.Rendering;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// Renders a <see cref="RunReport"/> as one self-contained HTML page in the style of the claims report
/// (<see cref="HtmlRenderer"/>: same stylesheet, verdict badges, Content-Security-Policy forbidding every fetch,
/// inline SVG plots and the <c>data-errors</c> / <c>data-plots-rendered</c> load hooks). Layout: title and runs table,
/// the per-epoch panels in a two-column grid, the γ_kl heat maps with the worst pairs, each run's claim verdicts and
/// metadata, then the environment.
/// </summary>
public static class RunHtmlRenderer
{
    /// <summary>Width of a panel in pixels (two per row).</summary>
    public const int PanelWidth = 540;

    /// <summary>Height of a panel of one run in pixels.</summary>
    public const int PanelHeight = 380;

    /// <summary>Panel height for <paramref name="runs"/> overlaid runs: taller as the legend below grows (at most 560).</summary>
    public static int PanelHeightFor(int runs) => Math.Min(560, PanelHeight + 40 * Math.Max(0, runs - 1));

    /// <summary>Renders the page.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder(128 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\" data-plots-rendered=\"0\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(E(report.Title)).Append("</title>\n");
        h.Append("<style>").Append(HtmlRenderer.Css).Append(Css).Append("</style>\n");
        h.Append("<script>window.addEventListener('error',function(){var d=document.documentElement;d.setAttribute('data-errors',String(Number(d.getAttribute('data-errors'))+1));},true);</script>\n");
        h.Append("</head>\n<body>\n<main>\n");

        h.Append("<header>\n<h1>").Append(E(report.Title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">").Append(report.Runs.Count).Append(report.Runs.Count == 1 ? " run" : " runs overlaid")
            .Append(" · ").Append(report.Panels.Count).Append(" panels along epochs · ").Append(report.Heatmaps.Count)
            .Append(report.Heatmaps.Count == 1 ? " heat map" : " heat maps").Append(" · commit <code>").Append(E(Short(report.Environment.GitCommit)))
            .Append("</code> · ").Append(E(report.Environment.StartedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · <a href=\"#environment\">environment</a></p>\n</header>\n");

        RunsTable(h, report);
        var plotIndex = 0;
        h.Append("<section id=\"epochs\">\n<h2>Along epochs</h2>\n<p class=\"meta\">Metrics of the train features (docs/conventions.md); the dotted vertical line is the TPT start "
            + "t₀, the first epoch with 100% train accuracy.</p>\n<div class=\"panels\">\n");
        foreach (var plot in report.Panels)
        {
            var rendered = PlotRenderer.ToSvg(plot, $"panel{plotIndex++}", PanelWidth, PanelHeightFor(report.Runs.Count), LegendPlacement.Below);
            Figure(h, rendered.Content, Caption(plot, rendered.Dropped));
        }
        h.Append("</div>\n");
        if (report.OmittedPanels.Count > 0)
            h.Append("<p class=\"meta\">Not shown (no values): ").Append(E(string.Join("; ", report.OmittedPanels))).Append(".</p>\n");
        h.Append("</section>\n");

        if (report.Heatmaps.Count > 0)
        {
            h.Append("<section id=\"gamma\">\n<h2>Class-pair margins of the last epoch</h2>\n<div class=\"heatmaps\">\n");
            var i = 0;
            foreach (var map in report.Heatmaps)
            {
                h.Append("<div class=\"heatmap\">\n");
                Figure(h, HeatmapRenderer.ToSvg(map, $"gamma{i++}"), map.Caption);
                h.Append("<table class=\"summary worst\">\n<thead><tr><th>#</th><th>k (true)</th><th>l (competing)</th><th class=\"num\">γ_kl</th></tr></thead>\n<tbody>\n");
                var n = 0;
                foreach (var p in map.Worst)
                    h.Append("<tr><td>").Append(++n).Append("</td><td>").Append(p.K).Append("</td><td>").Append(p.L)
                        .Append("</td><td class=\"num\">").Append(E(ReportFormat.Number(p.Gamma))).Append("</td></tr>\n");
                h.Append("</tbody>\n</table>\n</div>\n");
            }
            h.Append("</div>\n</section>\n");
        }

        h.Append("<section id=\"claims\">\n<h2>Claims</h2>\n");
        foreach (var run in report.Runs) Claims(h, run, report.Runs.Count > 1);
        h.Append("</section>\n");

        h.Append("<section id=\"metadata\">\n<h2>Run metadata</h2>\n");
        foreach (var run in report.Runs)
        {
            if (report.Runs.Count > 1) h.Append("<h3>").Append(E(run.Label)).Append("</h3>\n");
            h.Append("<table class=\"kv\">\n");
            Row(h, "folder", $"<code>{E(run.Folder)}</code>");
            Row(h, "columns", E(string.Join(", ", run.Epochs.ColumnNames.Where(run.Epochs.HasValues))));
            foreach (var kv in run.Metadata) Row(h, E(kv.Key), E(kv.Value));
            h.Append("</table>\n");
        }
        h.Append("</section>\n");

        Environment(h, report.Environment);
        h.Append("</main>\n");
        h.Append("<script>(function(){var n=0;document.querySelectorAll('svg.plot').forEach(function(s){var "
            + "b=s.getBBox();if(b.width>0&&b.height>0)n++;});document.documentElement.setAttribute('data-plots-rendered',String(n));})();</script>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void RunsTable(StringBuilder h, RunReport report)
    {
        h.Append("<section id=\"runs\">\n<h2>Runs</h2>\n<table class=\"summary\">\n<thead><tr><th>run</th><th>epochs</th><th>K</th><th>TPT start t₀</th><th class=\"num\">train "
            + "acc.</th><th class=\"num\">test acc.</th><th class=\"num\">train nc1</th><th class=\"num\">p_min</th><th>claims</th></tr></thead>\n<tbody>\n");
        foreach (var r in report.Runs)
        {
            var e = r.Epochs;
            var fails = r.Claims?.Any(c => c.Verdict == Verdict.Fails) == true;
            h.Append(fails ? "<tr class=\"fails\">" : "<tr>").Append("<td><b>").Append(E(r.Label)).Append("</b><br><code class=\"path\">").Append(E(r.Folder)).Append("</code></td><td>")
                .Append(e.Epochs.Count).Append(" (").Append(e.Epochs[0]).Append('–').Append(e.Epochs[^1]).Append(")</td><td>")
                .Append(r.Gamma is { } g ? g.Classes.ToString(CultureInfo.InvariantCulture) : Meta(r, "classes") ?? "–").Append("</td><td>")
                .Append(r.TptStart is int t ? t.ToString(CultureInfo.InvariantCulture) : "not reached").Append("</td><td class=\"num\">")
                .Append(E(Fixed(e.Last("trainAccuracy")))).Append("</td><td class=\"num\">").Append(E(Fixed(e.Last("testAccuracy"))))
                .Append("</td><td class=\"num\">").Append(E(ReportFormat.Number(e.Last("trainNc1")))).Append("</td><td class=\"num\">")
                .Append(E(ReportFormat.Number(e.Last("trainMinMargin")))).Append("</td><td>").Append(E(RunReport.ClaimSummary(r.Claims))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n<p class=\"meta\">Values of the last epoch that has them.</p>\n</section>\n");
    }

    private static void Claims(StringBuilder h, RunData run, bool several)
    {
        if (several) h.Append("<h3>").Append(E(run.Label)).Append("</h3>\n");
        if (run.Claims is null)
        {
            h.Append("<p class=\"meta\">No claims.csv in <code>").Append(E(run.Folder)).Append("</code> (<code>collapse analyze-run</code> and <code>collapse deep train</code> "
                + "write the single-run verdicts nc1-decreases, tpt-test-accuracy-gain and tpt-margin-growth).</p>\n");
            return;
        }
        h.Append("<p class=\"meta\">").Append(E(RunReport.ClaimSummary(run.Claims))).Append(" (from claims.csv).</p>\n");
        foreach (var c in run.Claims)
        {
            var v = ReportFormat.Verdict(c.Verdict);
            h.Append("<article class=\"claim ").Append(v).Append("\">\n<h3><span class=\"badge ").Append(v).Append("\">").Append(v)
                .Append("</span> <code>").Append(E(c.Id)).Append("</code></h3>\n<table class=\"kv\">\n");
            Row(h, "measured", $"<span class=\"num\">{E(ReportFormat.Number(c.Measured))}</span>");
            Row(h, "expected / bound", $"<span class=\"num\">{E(ReportFormat.Number(c.Expected))}</span>");
            Row(h, "tolerance", $"<span class=\"num\">{E(ReportFormat.Number(c.Tolerance))}</span>");
            Row(h, "verdict", $"<span class=\"badge {v}\">{v}</span> {E(c.Detail)}");
            h.Append("</table>\n</article>\n");
        }
    }

    private static void Environment(StringBuilder h, ReportEnvironment e)
    {
        h.Append("<section id=\"environment\">\n<h2>Environment</h2>\n<table class=\"kv\">\n");
        Row(h, "command", $"<code>{E(e.CommandLine)}</code>");
        Row(h, "Collapse", E(e.CollapseVersion));
        Row(h, "git commit", $"<code>{E(e.GitCommit)}</code>");
        Row(h, ".NET", E(e.DotnetVersion));
        Row(h, "OS", E($"{e.Os} ({e.Architecture})"));
        Row(h, "machine", E(e.Machine));
        Row(h, "started", E(e.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        h.Append("</table>\n</section>\n");
    }

    private static void Figure(StringBuilder h, string svg, string caption)
    {
        h.Append("<figure>\n").Append(svg).Append('\n');
        if (caption.Length > 0) h.Append("<figcaption>").Append(E(caption)).Append("</figcaption>\n");
        h.Append("</figure>\n");
    }

    /// <summary>The plot's caption and, when points could not be drawn, how many.</summary>
    internal static string Caption(PlotSpec plot, int dropped) =>
        string.Join(" ", new[] { plot.Caption ?? "", PlotRenderer.DroppedNote(dropped, plot) }.Where(x => x.Length > 0));

    internal static string? Meta(RunData run, string key) =>
        run.Metadata.FirstOrDefault(kv => kv.Key == key).Value;

    internal static string Fixed(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    private static void Row(StringBuilder h, string key, string valueHtml) =>
        h.Append("<tr><th>").Append(key).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Short(string commit) => commit.Length > 12 && commit.All(Uri.IsHexDigit) ? commit[..12] : commit;

    private const string Css = """
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(500px,1fr));gap:14px 18px}.panels figure{margin:6px 0 0}
.heatmaps{display:flex;flex-wrap:wrap;gap:18px}.heatmap{flex:0 1 640px}
table.worst{width:auto;margin-top:8px}code.path{color:#555;font-size:12px}
""";
}
