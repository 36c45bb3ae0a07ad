using System.Net;
using System.Text;
using Collapse.Reports.Output;
using Collapse.Reports.Plots;
using Collapse.Reports.Rendering;
using Collapse.Theory.IO;
using Collapse.Theory;

namespace Collapse.Reports.Sweeps;

/// <summary>The files a sweep report wrote.</summary>
/// <param name="Html">sweep-report.html (self-contained: inline SVG plots, no network access).</param>
/// <param name="Markdown">sweep-report.md, with its plots as PNG files in <c>plots/</c>.</param>
/// <param name="Images">The PNG files.</param>
public sealed record SweepReportFiles(string Html, string Markdown, IReadOnlyList<string> Images);

/// <summary>Writes a <see cref="SweepReport"/> as HTML and Markdown (each file atomically, the HTML last).</summary>
public static class SweepReportWriter
{
    /// <summary>File name of the HTML sweep report.</summary>
    public const string HtmlFile = "sweep-report.html";

    /// <summary>File name of the Markdown sweep report.</summary>
    public const string MarkdownFile = "sweep-report.md";

    /// <summary>Writes both renderings into <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="InputException">The path names an existing file.</exception>
    public static SweepReportFiles Write(SweepReport report, string directory)
    {
        if (File.Exists(directory)) throw new InputException($"--out {directory}: is a file, expected a folder");
        Directory.CreateDirectory(directory);
        var images = new List<string>();
        var md = new StringBuilder();
        Markdown(md, report, directory, images);
        var mdPath = Path.Combine(directory, MarkdownFile);
        AtomicFile.WriteAllText(mdPath, md.ToString());
        var htmlPath = Path.Combine(directory, HtmlFile);
        AtomicFile.WriteAllText(htmlPath, Html(report, directory));
        return new SweepReportFiles(htmlPath, mdPath, images);
    }

    private static string Summary(SweepReport r) =>
        $"{r.Runs} runs: {r.Done} done, {r.Failed} failed, {r.Unfinished} unfinished";

    private static string Link(string file, string directory) => Path.GetRelativePath(directory, file).Replace('\\', '/');

    private static void Markdown(StringBuilder md, SweepReport r, string directory, List<string> images)
    {
        var esc = MarkdownRenderer.Esc;
        md.Append("# Sweep ").Append(esc(r.Name)).Append("\n\n");
        md.Append('`').Append(r.Command).Append("` — ").Append(Summary(r)).Append(".\n\n");
        foreach (var a in r.Axes) md.Append("- ").Append(esc(a)).Append('\n');
        md.Append("\nFull table: [").Append(esc(Path.GetFileName(r.TableFile))).Append("](").Append(Link(r.TableFile, directory)).Append(")\n\n");
        if (r.Failures.Count > 0)
        {
            md.Append("## Failed runs\n\n| # | run | point | error |\n|---|---|---|---|\n");
            foreach (var f in r.Failures)
                md.Append("| ").Append(f.Index).Append(" | `").Append(f.Id).Append("` | ").Append(esc(f.Point)).Append(" | ").Append(esc(f.ErrorLine)).Append(" |\n");
            md.Append('\n');
        }
        if (r.Plots.Count > 0)
        {
            md.Append("## Across the axes\n\n");
            var i = 0;
            foreach (var p in r.Plots)
            {
                var rel = $"{MarkdownRenderer.PlotFolder}/sweep-{MarkdownRenderer.SafeName(r.Name)}-{++i}.png";
                var path = Path.Combine(directory, rel);
                AtomicFile.WriteAllBytes(path, PlotRenderer.ToPng(p).Content, createFolder: true);
                images.Add(path);
                md.Append("![").Append(esc(p.Title)).Append("](").Append(rel).Append(")\n\n");
                if (p.Caption is { } c) md.Append('*').Append(esc(c)).Append("*\n\n");
            }
        }
        md.Append("## Runs\n\n| ").Append(string.Join(" | ", r.Columns.Select(esc))).Append(" |\n|");
        md.Append(string.Concat(Enumerable.Repeat("---|", r.Columns.Count))).Append('\n');
        foreach (var row in r.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(esc))).Append(" |\n");
        md.Append('\n');
    }

    private static string Html(SweepReport r, string directory)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder(32 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\" data-plots-rendered=\"0\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<title>Sweep ").Append(E(r.Name)).Append(" — ").Append(E(Summary(r))).Append("</title>\n<style>");
        h.Append("body{font-family:'DejaVu Sans',sans-serif;margin:0;color:#222}main{max-width:1100px;margin:auto;padding:1em 2em}");
        h.Append("table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}");
        h.Append(".fails{color:#b00020}.failed td{background:#fde7e9}.ok{color:#1b5e20}figure{margin:1em 0}figcaption{font-size:.85em;color:#555}");
        h.Append(".scroll{overflow-x:auto}code{font-size:.9em}</style>\n");
        h.Append("<script>window.addEventListener('error',function(){var d=document.documentElement;d.setAttribute('data-errors',String(Number(d.getAttribute('data-errors'))+1));},true);</script>\n");
        h.Append("</head>\n<body>\n<main>\n<h1>Sweep ").Append(E(r.Name)).Append("</h1>\n");
        h.Append("<p class=\"").Append(r.Complete ? "ok" : "fails").Append("\"><code>").Append(E(r.Command)).Append("</code> — ").Append(E(Summary(r))).Append(".</p>\n<ul>");
        foreach (var a in r.Axes) h.Append("<li>").Append(E(a)).Append("</li>");
        h.Append("</ul>\n<p>Full table: <a href=\"").Append(E(Link(r.TableFile, directory))).Append("\">").Append(E(Path.GetFileName(r.TableFile))).Append("</a></p>\n");
        if (r.Failures.Count > 0)
        {
            h.Append("<section id=\"failed\">\n<h2 class=\"fails\">Failed runs</h2>\n<table><thead><tr><th>#</th><th>run</th><th>point</th><th>error</th></tr></thead><tbody>\n");
            foreach (var f in r.Failures)
                h.Append("<tr class=\"failed\"><td>").Append(f.Index).Append("</td><td><code>").Append(E(f.Id)).Append("</code></td><td>")
                    .Append(E(f.Point)).Append("</td><td>").Append(E(f.ErrorLine)).Append("</td></tr>\n");
            h.Append("</tbody></table>\n</section>\n");
        }
        if (r.Plots.Count > 0)
        {
            h.Append("<section id=\"axes\">\n<h2>Across the axes</h2>\n");
            var i = 0;
            foreach (var p in r.Plots)
            {
                h.Append("<figure>").Append(PlotRenderer.ToSvg(p, $"sweep{++i}").Content);
                if (p.Caption is { } c) h.Append("<figcaption>").Append(E(c)).Append("</figcaption>");
                h.Append("</figure>\n");
            }
            h.Append("</section>\n");
        }
        h.Append("<section id=\"runs\">\n<h2>Runs</h2>\n<div class=\"scroll\"><table><thead><tr>");
        foreach (var c in r.Columns) h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr></thead><tbody>\n");
        var state = r.Columns.ToList().IndexOf("state");
        foreach (var row in r.Rows)
        {
            h.Append(state >= 0 && row[state] == "failed" ? "<tr class=\"failed\">" : "<tr>");
            foreach (var cell in row) h.Append("<td>").Append(E(cell)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody></table></div>\n</section>\n</main>\n");
        h.Append("<script>(function(){var n=0;document.querySelectorAll('svg.plot').forEach(function(s){var "
            + "b=s.getBBox();if(b.width>0&&b.height>0)n++;});document.documentElement.setAttribute('data-plots-rendered',String(n));})();</script>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }
}
