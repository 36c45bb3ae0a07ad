using System.Globalization;
using System.Text;
using Collapse.Reports.Plots;
using Collapse.Reports.Rendering;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// Renders a <see cref="RunReport"/> as Markdown with the content of the HTML page; the panels and heat maps become
/// PNG files under <see cref="MarkdownRenderer.PlotFolder"/> (<c>run-KEY.png</c>, <c>gamma-N.png</c>).
/// </summary>
public static class RunMarkdownRenderer
{
    /// <summary>Renders the document and its images.</summary>
    public static MarkdownRenderer.Rendered Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var esc = MarkdownRenderer.Esc;
        var md = new StringBuilder(16 * 1024);
        var images = new List<KeyValuePair<string, byte[]>>();
        var e = report.Environment;
        md.Append("# ").Append(esc(report.Title)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{report.Runs.Count} {(report.Runs.Count == 1 ? "run" : "runs overlaid")}, {report.Panels.Count} panels along epochs, commit `{e.GitCommit}`.\n\n");

        md.Append("## Runs\n\n| run | folder | epochs | K | TPT start t₀ | train acc. | test acc. | train nc1 | p_min | claims |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in report.Runs)
        {
            var ep = r.Epochs;
            var k = r.Gamma is { } g ? g.Classes.ToString(CultureInfo.InvariantCulture) : RunHtmlRenderer.Meta(r, "classes") ?? "–";
            md.Append(CultureInfo.InvariantCulture,
                $"| **{Cell(r.Label)}** | `{r.Folder.Replace("|", "\\|", StringComparison.Ordinal)}` | {ep.Epochs.Count} ({ep.Epochs[0]}–{ep.Epochs[^1]}) | {k} | "
                    + $"{(r.TptStart is int t ? t.ToString(CultureInfo.InvariantCulture) : "not reached")} | {RunHtmlRenderer.Fixed(ep.Last("trainAccuracy"))} | "
                        + $"{RunHtmlRenderer.Fixed(ep.Last("testAccuracy"))} | {ReportFormat.Number(ep.Last("trainNc1"))} | {ReportFormat.Number(ep.Last("trainMinMargin"))} | "
                            + $"{Cell(RunReport.ClaimSummary(r.Claims))} |\n");
        }
        md.Append("\nValues of the last epoch that has them.\n\n");

        md.Append("## Along epochs\n\nMetrics of the train features (docs/conventions.md); the dotted vertical line is the TPT start t₀, the first epoch with 100% train accuracy.\n\n");
        for (var i = 0; i < report.Panels.Count; i++)
        {
            var plot = report.Panels[i];
            var png = PlotRenderer.ToPng(plot, RunHtmlRenderer.PanelWidth, RunHtmlRenderer.PanelHeightFor(report.Runs.Count), LegendPlacement.Below);
            var path = $"{MarkdownRenderer.PlotFolder}/run-{MarkdownRenderer.SafeName(report.PanelKeys[i])}.png";
            images.Add(new(path, png.Content));
            md.Append("![").Append(esc(plot.Title)).Append("](").Append(path).Append(")\n\n");
            var caption = RunHtmlRenderer.Caption(plot, png.Dropped);
            if (caption.Length > 0) md.Append('*').Append(esc(caption)).Append("*\n\n");
        }
        if (report.OmittedPanels.Count > 0) md.Append("Not shown (no values): ").Append(esc(string.Join("; ", report.OmittedPanels))).Append(".\n\n");

        if (report.Heatmaps.Count > 0)
        {
            md.Append("## Class-pair margins of the last epoch\n\n");
            var n = 0;
            foreach (var map in report.Heatmaps)
            {
                var path = $"{MarkdownRenderer.PlotFolder}/gamma-{++n}.png";
                images.Add(new(path, HeatmapRenderer.ToPng(map)));
                md.Append("![").Append(esc(map.Title)).Append("](").Append(path).Append(")\n\n*").Append(esc(map.Caption)).Append("*\n\n");
                md.Append("| # | k (true) | l (competing) | γ_kl |\n|---:|---:|---:|---:|\n");
                var i = 0;
                foreach (var p in map.Worst) md.Append(CultureInfo.InvariantCulture, $"| {++i} | {p.K} | {p.L} | {ReportFormat.Number(p.Gamma)} |\n");
                md.Append('\n');
            }
        }

        md.Append("## Claims\n\n");
        foreach (var r in report.Runs)
        {
            if (report.Runs.Count > 1) md.Append("### ").Append(esc(r.Label)).Append("\n\n");
            if (r.Claims is null)
            {
                md.Append("No claims.csv (`collapse analyze-run` and `collapse deep train` write the single-run verdicts).\n\n");
                continue;
            }
            md.Append(esc(RunReport.ClaimSummary(r.Claims))).Append(".\n\n| claim | verdict | measured | expected / bound | tolerance | detail |\n|---|---|---:|---:|---:|---|\n");
            foreach (var c in r.Claims)
                md.Append(CultureInfo.InvariantCulture,
                    $"| `{c.Id}` | {Mark(c.Verdict)} | {ReportFormat.Number(c.Measured)} | {ReportFormat.Number(c.Expected)} | {ReportFormat.Number(c.Tolerance)} | {Cell(c.Detail)} |\n");
            md.Append('\n');
        }

        md.Append("## Run metadata\n\n");
        foreach (var r in report.Runs)
        {
            if (report.Runs.Count > 1) md.Append("### ").Append(esc(r.Label)).Append("\n\n");
            md.Append("| | |\n|---|---|\n");
            md.Append("| folder | `").Append(r.Folder.Replace("|", "\\|", StringComparison.Ordinal)).Append("` |\n");
            foreach (var kv in r.Metadata) md.Append("| ").Append(Cell(kv.Key)).Append(" | ").Append(Cell(kv.Value)).Append(" |\n");
            md.Append('\n');
        }

        md.Append("## Environment\n\n| | |\n|---|---|\n");
        md.Append("| command | `").Append(e.CommandLine.Replace("|", "\\|", StringComparison.Ordinal)).Append("` |\n");
        md.Append("| Collapse | ").Append(Cell(e.CollapseVersion)).Append(" |\n| git commit | `").Append(e.GitCommit).Append("` |\n");
        md.Append("| .NET | ").Append(Cell(e.DotnetVersion)).Append(" |\n| OS | ").Append(Cell($"{e.Os} ({e.Architecture})")).Append(" |\n");
        md.Append("| machine | ").Append(Cell(e.Machine)).Append(" |\n| started | ")
            .Append(e.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append(" |\n");
        return new MarkdownRenderer.Rendered(md.ToString(), images);
    }

    private static string Mark(Verdict v) => v switch
    {
        Verdict.Holds => "✅ holds",
        Verdict.Fails => "❌ **FAILS**",
        _ => "⚠️ inconclusive",
    };

    private static string Cell(string s) => MarkdownRenderer.Esc(s).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
