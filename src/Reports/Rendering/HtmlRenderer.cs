using System.Globalization;
using System.Net;
using System.Text;
using Collapse.Reports.Model;
using Collapse.Reports.Plots;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ClaimReport"/> as one self-contained HTML page: inline CSS, inline SVG plots, a tiny inline
/// script that records load errors and the number of rendered plots on the root element
/// (<c>data-errors</c>, <c>data-plots-rendered</c>), and a Content-Security-Policy that forbids every network fetch.
/// Layout: title, summary of verdicts (table and <see cref="OverviewPlots"/>), one section per claim (failing sections
/// are red), then the environment.
/// </summary>
public static class HtmlRenderer
{
    /// <summary>Renders the page.</summary>
    public static string Render(ClaimReport report)
    {
        var h = new StringBuilder(64 * 1024);
        var summary = report.Summary;
        h.Append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\" data-plots-rendered=\"0\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        var falsify = report.Settings.Falsify;
        h.Append("<title>").Append(E(report.Title)).Append(" — ").Append(E(falsify ? report.Falsifiers.ToString() : summary.ToString())).Append("</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n");
        h.Append("<script>window.addEventListener('error',function(){var d=document.documentElement;d.setAttribute('data-errors',String(Number(d.getAttribute('data-errors'))+1));},true);</script>\n");
        h.Append("</head>\n<body>\n<main>\n");

        // Title and overall verdict.
        h.Append("<header>\n<h1>").Append(E(report.Title)).Append("</h1>\n");
        var overall = report.Passed ? "holds" : "fails";
        h.Append("<p class=\"overall ").Append(overall).Append("\">");
        if (falsify) FalsifyHeadline(h, report);
        else if (summary.AllHold)
        {
            h.Append("All ").Append(summary.Total).Append(" claims hold");
            if (summary.Definitions > 0)
                h.Append(" (").Append(summary.Evidence).Append(" evidence claims; ").Append(summary.Definitions).Append(" definitions, not counted as evidence)");
            h.Append('.');
        }
        else
        {
            h.Append(E(summary.ToString())).Append(". Not holding: ");
            h.Append(string.Join(", ", report.Sections.Where(s => s.Verdict != Verdict.Holds)
                .Select(s => $"<a href=\"#{E(s.Anchor)}\">{E(s.Id)}</a>")));
            h.Append('.');
        }
        h.Append("</p>\n<p class=\"meta\">profile <b>").Append(E(report.Settings.Profile)).Append("</b> · seed <b>")
            .Append(report.Settings.Seed).Append("</b> · ").Append(report.Settings.Cases).Append(" cases per claim · wall time ")
            .Append(E(ReportFormat.Seconds(report.WallSeconds))).Append(" · commit <code>").Append(E(Short(report.Environment.GitCommit)))
            .Append("</code> · ").Append(E(report.Environment.StartedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · <a href=\"#environment\">environment</a></p>\n</header>\n");

        if (falsify) FalsifySummary(h, report);
        else Summary(h, report);

        h.Append("<section id=\"claims\">\n<h2>Claims</h2>\n");
        var plotIndex = 0;
        foreach (var s in report.Sections)
            if (falsify) FalsifyClaim(h, s);
            else Claim(h, s, report, ref plotIndex);
        h.Append("</section>\n");
        EnvironmentBlock(h, report);
        h.Append("</main>\n");
        h.Append("<script>(function(){var n=0;document.querySelectorAll('svg.plot').forEach(function(s){var "
            + "b=s.getBBox();if(b.width>0&&b.height>0)n++;});document.documentElement.setAttribute('data-plots-rendered',String(n));})();</script>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void FalsifyHeadline(StringBuilder h, ClaimReport report)
    {
        var f = report.Falsifiers;
        if (f.AllCaught) h.Append("All ").Append(f.Declared).Append(" falsifiers caught.");
        else if (f.Declared == 0) h.Append("No falsifier ran.");
        else
        {
            h.Append(f.Caught).Append(" of ").Append(f.Declared).Append(" falsifiers caught. NOT CAUGHT: ");
            h.Append(string.Join(", ", f.NotCaught.Select(n => $"<a href=\"#claim-{E(n[..n.IndexOf('/', StringComparison.Ordinal)])}\">{E(n)}</a>")));
            h.Append('.');
        }
        if (f.Pending.Count > 0)
            h.Append(' ').Append(f.Pending.Count).Append(f.Pending.Count == 1 ? " claim declares" : " claims declare").Append(" no falsifier yet: ")
                .Append(string.Join(", ", f.Pending.Select(id => $"<a href=\"#claim-{E(id)}\">{E(id)}</a>"))).Append('.');
    }

    private static void FalsifySummary(StringBuilder h, ClaimReport report)
    {
        var f = report.Falsifiers;
        h.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<p>Every falsifier is a deliberately broken formula, dropped term, false constant or broken input; ")
            .Append("the claim's own check, run with its overrides on the same cases and seed, must report FAILS (caught).</p>\n<div class=\"counts\">");
        Count(h, "total", f.Claims, "claims");
        Count(h, "total", f.Declared, "falsifiers");
        Count(h, "holds", f.Caught, "caught");
        Count(h, "fails", f.Declared - f.Caught, "not caught");
        Count(h, "inconclusive", f.Pending.Count, "claims without falsifier");
        h.Append("</div>\n<table class=\"summary\">\n<thead><tr><th>#</th><th>claim</th><th>kind</th><th>falsifier</th><th>what was broken</th><th>caught</th><th>verdict under the "
            + "falsifier</th><th>time</th></tr></thead>\n<tbody>\n");
        var i = 0;
        foreach (var c in report.Sections)
        {
            i++;
            if (c.FalsifierRuns.Count == 0)
            {
                h.Append("<tr class=\"inconclusive\"><td>").Append(i).Append("</td><td><a href=\"#").Append(E(c.Anchor)).Append("\"><code>").Append(E(c.Id))
                    .Append("</code></a></td><td>").Append(ReportFormat.Kind(c.Kind)).Append("</td><td colspan=\"5\">no falsifier declared yet</td></tr>\n");
                continue;
            }
            foreach (var r in c.FalsifierRuns)
            {
                var cls = r.Caught ? "holds" : "fails";
                h.Append("<tr class=\"").Append(cls).Append("\"><td>").Append(i).Append("</td><td><a href=\"#").Append(E(c.Anchor)).Append("\"><code>").Append(E(c.Id))
                    .Append("</code></a></td><td>").Append(ReportFormat.Kind(c.Kind)).Append("</td><td><code>").Append(E(r.Falsifier.Name)).Append("</code></td><td>")
                    .Append(E(r.Falsifier.Broken)).Append("</td><td><span class=\"badge ").Append(cls).Append("\">").Append(r.Caught ? "caught" : "NOT CAUGHT")
                    .Append("</span></td><td>").Append(ReportFormat.Verdict(r.Outcome.Result.Verdict)).Append("</td><td class=\"num\">")
                    .Append(E(ReportFormat.Seconds(r.Outcome.WallSeconds))).Append("</td></tr>\n");
            }
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void FalsifyClaim(StringBuilder h, ClaimSection s)
    {
        var v = ReportFormat.Verdict(s.Verdict);
        h.Append("<article class=\"claim ").Append(v).Append("\" id=\"").Append(E(s.Anchor)).Append("\">\n");
        h.Append("<h3><span class=\"badge ").Append(v).Append("\">").Append(E(ReportFormat.FalsifyStatus(s))).Append("</span> <code>").Append(E(s.Id))
            .Append("</code> — ").Append(E(s.Title)).Append("</h3>\n");
        h.Append("<p class=\"statement\"><b>Statement.</b> ").Append(Multiline(s.Statement)).Append("</p>\n");
        h.Append("<p class=\"source\"><b>Source.</b> ").Append(E(s.Source)).Append(" · <b>Kind.</b> ").Append(ReportFormat.Kind(s.Kind)).Append("</p>\n");
        if (s.FalsifierRuns.Count == 0) h.Append("<p>No falsifier declared yet: this claim cannot yet be seen to fail.</p>\n");
        foreach (var r in s.FalsifierRuns)
        {
            var res = r.Outcome.Result;
            h.Append("<div class=\"falsifier ").Append(r.Caught ? "holds" : "fails").Append("\">\n<p><b>")
                .Append(r.Caught ? "falsifier caught:" : "NOT CAUGHT:").Append("</b> ").Append(E(r.Falsifier.Broken)).Append(" <code>").Append(E(r.Falsifier.Name))
                .Append("</code> (").Append(E(ReportFormat.Parameters(r.Falsifier.Overrides))).Append(")</p>\n<table class=\"kv\">\n");
            Row(h, "verdict", $"<span class=\"badge {ReportFormat.Verdict(res.Verdict)}\">{ReportFormat.Verdict(res.Verdict)}</span> {E(res.Detail)}");
            Row(h, "measured", $"<span class=\"num\">{E(ReportFormat.Number(res.Measured))}</span>");
            Row(h, ReportFormat.ExpectedLabel(s.Kind), $"<span class=\"num\">{E(ReportFormat.Number(res.Expected))}</span>");
            Row(h, "seed", res.Seed.ToString(CultureInfo.InvariantCulture));
            Row(h, "replay", $"<code>{E(r.Replay)}</code>");
            Row(h, "wall time", E(ReportFormat.Seconds(r.Outcome.WallSeconds)));
            h.Append("</table>\n</div>\n");
        }
        h.Append("</article>\n");
    }

    private static void Summary(StringBuilder h, ClaimReport report)
    {
        var s = report.Summary;
        h.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"counts\">");
        Count(h, "total", s.Total, "claims");
        Count(h, "holds", s.Holds, "hold");
        Count(h, "fails", s.Fails, "fail");
        Count(h, "inconclusive", s.Inconclusive, "inconclusive");
        h.Append("</div>\n<p class=\"kinds\">By kind: ").Append(E(s.KindsText())).Append(". Definitions are regression guards that hold by definition; they are shown but not "
            + "counted as evidence.</p>\n<div class=\"overview\">\n");
        var k = 0;
        foreach (var plot in OverviewPlots.For(report))
            Figure(h, plot, $"overview{k++}", 540, 340);
        h.Append("</div>\n<table class=\"summary\">\n<thead><tr><th>#</th><th>claim</th><th>kind</th><th>verdict</th><th>measured</th><th>expected / "
            + "bound</th><th>tolerance</th><th>time</th></tr></thead>\n<tbody>\n");
        var i = 0;
        foreach (var c in report.Sections)
        {
            var v = ReportFormat.Verdict(c.Verdict);
            h.Append("<tr class=\"").Append(v).Append("\"><td>").Append(++i).Append("</td><td><a href=\"#").Append(E(c.Anchor)).Append("\"><code>")
                .Append(E(c.Id)).Append("</code></a> ").Append(E(c.Title)).Append("</td><td>").Append(ReportFormat.Kind(c.Kind))
                .Append("</td><td><span class=\"badge ").Append(v).Append("\">").Append(v).Append("</span></td><td class=\"num\">")
                .Append(E(ReportFormat.Number(c.Result.Measured))).Append("</td><td class=\"num\">").Append(E(ReportFormat.Number(c.Result.Expected)))
                .Append("</td><td class=\"num\">").Append(E(ReportFormat.Number(c.Result.Tolerance))).Append("</td><td class=\"num\">")
                .Append(E(ReportFormat.Seconds(c.WallSeconds))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Figure(StringBuilder h, PlotSpec plot, string idPrefix, int width, int height)
    {
        var rendered = PlotRenderer.ToSvg(plot, idPrefix, width, height);
        h.Append("<figure>\n").Append(rendered.Content).Append('\n');
        var caption = string.Join(" ", new[] { plot.Caption ?? "", PlotRenderer.DroppedNote(rendered.Dropped, plot) }.Where(x => x.Length > 0));
        if (caption.Length > 0) h.Append("<figcaption>").Append(E(caption)).Append("</figcaption>\n");
        h.Append("</figure>\n");
    }

    private static void Count(StringBuilder h, string cls, int n, string label) =>
        h.Append("<div class=\"count ").Append(cls).Append(n == 0 ? " zero" : "").Append("\"><span class=\"n\">").Append(n).Append("</span> ").Append(label).Append("</div>");

    private static void EnvironmentBlock(StringBuilder h, ClaimReport report)
    {
        var e = report.Environment;
        var st = report.Settings;
        h.Append("<section id=\"environment\">\n<h2>Environment</h2>\n<table class=\"kv\">\n");
        Row(h, "command", $"<code>{E(e.CommandLine)}</code>");
        Row(h, "Collapse", E(e.CollapseVersion));
        Row(h, "git commit", $"<code>{E(e.GitCommit)}</code>");
        Row(h, ".NET", E(e.DotnetVersion));
        foreach (var kv in e.Components) Row(h, E(kv.Key), E(kv.Value));
        Row(h, "OS", E($"{e.Os} ({e.Architecture})"));
        Row(h, "machine", E(e.Machine));
        Row(h, "CPU", E($"{e.Cpu}, {e.LogicalCores} logical cores"));
        Row(h, "GPU", E(e.Gpu));
        Row(h, "memory", E(ReportFormat.Gibibytes(e.MemoryBytes)));
        Row(h, "profile", E(st.Profile) + (st.Falsify ? " (falsify mode: every falsifier of every claim instead of the claims' checks)" : ""));
        Row(h, "base seed", st.Seed.ToString(CultureInfo.InvariantCulture));
        Row(h, "cases per claim", st.Cases.ToString(CultureInfo.InvariantCulture));
        Row(h, "claim filter", st.ClaimFilter.Count == 0 ? "all claims of the profile" : $"<code>{E(string.Join(",", st.ClaimFilter))}</code>");
        Row(h, "parameter overrides", st.ParameterOverrides.Count == 0 ? "none"
            : string.Join("<br>", st.ParameterOverrides.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"<code>{E(kv.Key)}</code>: {E(ReportFormat.Parameters(kv.Value))}")));
        Row(h, "started", E(e.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        Row(h, "wall time", E(ReportFormat.Seconds(report.WallSeconds)));
        h.Append("</table>\n</section>\n");
    }

    private static void Claim(StringBuilder h, ClaimSection s, ClaimReport report, ref int plotIndex)
    {
        var v = ReportFormat.Verdict(s.Verdict);
        var r = s.Result;
        h.Append("<article class=\"claim ").Append(v).Append("\" id=\"").Append(E(s.Anchor)).Append("\">\n");
        h.Append("<h3><span class=\"badge ").Append(v).Append("\">").Append(v).Append("</span> <code>").Append(E(s.Id)).Append("</code> — ")
            .Append(E(s.Title)).Append("</h3>\n");
        h.Append("<p class=\"statement\"><b>Statement.</b> ").Append(Multiline(s.Statement)).Append("</p>\n");
        h.Append("<p class=\"source\"><b>Source.</b> ").Append(E(s.Source)).Append(" · <b>Kind.</b> ").Append(ReportFormat.Kind(s.Kind)).Append("</p>\n");
        h.Append("<table class=\"kv\">\n");
        Row(h, "parameters", E(ReportFormat.Parameters(r.Parameters)));
        Row(h, "measured", $"<span class=\"num\">{E(ReportFormat.Number(r.Measured))}</span>");
        Row(h, ReportFormat.ExpectedLabel(s.Kind), $"<span class=\"num\">{E(ReportFormat.Number(r.Expected))}</span>");
        Row(h, "tolerance", $"<span class=\"num\">{E(ReportFormat.Number(r.Tolerance))}</span>");
        Row(h, "verdict", $"<span class=\"badge {v}\">{v}</span> {E(r.Detail)}");
        Row(h, "seed", $"{r.Seed.ToString(CultureInfo.InvariantCulture)} (the {(s.Verdict == Verdict.Fails ? "falsifying case's" : "reported case's")} seed)");
        Row(h, "replay", $"<code>{E(s.Replay)}</code>");
        Row(h, "wall time", E(ReportFormat.Seconds(s.WallSeconds)));
        if (r.Cases is { } cases) Row(h, "cases", E(ReportFormat.Cases(cases)));
        if (s.Info is { } info)
        {
            Row(h, "falsifiers", E(ReportFormat.Falsifiers(info.Falsifiers)));
            if (info.References.Count > 0) Row(h, "references", E(string.Join(", ", info.References)) + " (docs/references.md)");
        }
        h.Append("</table>\n");
        if (s.Verdict == Verdict.Fails)
        {
            h.Append("<div class=\"falsifying\">\n<h4>Falsifying instance</h4>\n<pre>")
                .Append(E(s.FalsifyingInstance ?? r.Detail)).Append("</pre>\n<p>Falsifying case seed <b>").Append(r.Seed)
                .Append("</b> (derived from base seed ").Append(report.Settings.Seed).Append("). Replay: <code>").Append(E(s.Replay)).Append("</code></p>\n</div>\n");
        }
        if (s.Error is not null)
            h.Append("<div class=\"error\">\n<h4>Error while checking</h4>\n<pre>").Append(E(s.Error)).Append("</pre>\n</div>\n");
        foreach (var plot in s.Plots)
            Figure(h, plot, $"plot{plotIndex++}", PlotRenderer.DefaultWidth, PlotRenderer.DefaultHeight);
        h.Append("</article>\n");
    }

    private static void Row(StringBuilder h, string key, string valueHtml) =>
        h.Append("<tr><th>").Append(key).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Multiline(string s) => E(s).Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Short(string commit) => commit.Length > 12 && commit.All(Uri.IsHexDigit) ? commit[..12] : commit;

    /// <summary>The report stylesheet (shared with the run report's HTML).</summary>
    internal const string Css = """
body{margin:0;background:#f6f7f9;color:#1d2330;font:15px/1.5 "DejaVu Sans",system-ui,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:28px;margin:0 0 8px}h2{font-size:22px;margin:36px 0 12px;border-bottom:2px solid #d5d9e0;padding-bottom:4px}
h3{font-size:18px;margin:0 0 10px}h4{margin:14px 0 6px;font-size:15px}
code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:13px}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #e3a7a3;padding:10px;border-radius:4px;margin:0}
a{color:#1f5fbf;text-decoration:none}a:hover{text-decoration:underline}
.overall{font-size:18px;font-weight:600;padding:10px 14px;border-radius:6px;margin:10px 0}
.overall.holds{background:#e3f4e6;color:#1b5e20;border:1px solid #9fd3a7}
.overall.fails{background:#fdecea;color:#b71c1c;border:1px solid #ef9a9a}
.meta{color:#555;margin:4px 0}
.counts{display:flex;gap:12px;margin:8px 0 14px}
.count{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:8px 14px}.count .n{font-size:22px;font-weight:700}
.count.holds .n{color:#2e7d32}.count.fails .n{color:#c62828}.count.inconclusive .n{color:#b26a00}.count.zero .n{color:#888}
table{border-collapse:collapse;background:#fff}
table.summary{width:100%}table.summary th,table.summary td{border-bottom:1px solid #e4e7ec;padding:4px 8px;text-align:left;vertical-align:top}
table.summary tr.fails td{background:#fdecea}table.summary tr.inconclusive td{background:#fff4e0}
table.kv{margin:8px 0}table.kv th{text-align:left;padding:3px 12px 3px 8px;color:#444;font-weight:600;vertical-align:top;white-space:nowrap}
table.kv td{padding:3px 8px}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#fff}
.badge.holds{background:#2e7d32}.badge.fails{background:#c62828}.badge.inconclusive{background:#b26a00}
article.claim{background:#fff;border:1px solid #d5d9e0;border-left:8px solid #2e7d32;border-radius:6px;padding:14px 18px;margin:16px 0}
article.claim.fails{border-color:#e57373;border-left-color:#c62828;background:#fdecea}
article.claim.inconclusive{border-left-color:#b26a00;background:#fff8ec}
article.claim.fails table.kv{background:#fff5f4}
.falsifying{border:2px solid #c62828;border-radius:6px;padding:8px 12px;margin:12px 0;background:#fff}
.falsifying h4{color:#b71c1c;margin-top:2px}
.falsifier{border-left:4px solid #2e7d32;padding:4px 10px;margin:10px 0;background:#fff}.falsifier.fails{border-left-color:#c62828;background:#fff5f4}
.falsifier p{margin:4px 0}
.error pre{border-color:#e0b060}
.statement{margin:6px 0}.source{margin:6px 0;color:#333}
figure{margin:14px 0 4px;padding:0}figure svg{max-width:100%;height:auto;border:1px solid #e4e7ec;border-radius:4px;background:#fff}
figcaption{color:#555;font-size:13px;margin-top:4px}
.overview{display:flex;flex-wrap:wrap;gap:16px}.overview figure{flex:1 1 480px;margin:14px 0 0}
""";
}
