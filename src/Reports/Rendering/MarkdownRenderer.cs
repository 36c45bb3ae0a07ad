using System.Globalization;
using System.Text;
using Collapse.Reports.Model;
using Collapse.Reports.Plots;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ClaimReport"/> as Markdown (for papers and pull requests) with the same content as the HTML
/// page; plots become PNG files referenced relative to the Markdown file.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>The Markdown text and the PNG plots it references (relative path → bytes).</summary>
    /// <param name="Markdown">The document.</param>
    /// <param name="Images">Relative path (e.g. <c>plots/etf-gram-1.png</c>) → PNG bytes.</param>
    public sealed record Rendered(string Markdown, IReadOnlyList<KeyValuePair<string, byte[]>> Images);

    /// <summary>Folder (relative to the Markdown file) that holds the plot images.</summary>
    public const string PlotFolder = "plots";

    /// <summary>Renders the document and its plot images.</summary>
    public static Rendered Render(ClaimReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Settings.Falsify) return RenderFalsify(report);
        var md = new StringBuilder(32 * 1024);
        var images = new List<KeyValuePair<string, byte[]>>();
        var s = report.Summary;
        var e = report.Environment;
        var st = report.Settings;

        md.Append("# ").Append(Esc(report.Title)).Append("\n\n");
        if (s.AllHold)
            md.Append("**All ").Append(s.Total).Append(" claims hold")
                .Append(s.Definitions > 0 ? $" ({s.Evidence} evidence claims; {s.Definitions} definitions, not counted as evidence)" : "").Append(".**\n\n");
        else
        {
            md.Append("**").Append(Esc(s.ToString())).Append(".** Not holding: ")
                .Append(string.Join(", ", report.Sections.Where(c => c.Verdict != Verdict.Holds).Select(c => $"[`{c.Id}`](#{c.Anchor})")))
                .Append(".\n\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"Profile **{Esc(st.Profile)}**, seed **{st.Seed}**, {st.Cases} cases per claim, wall time "
            + $"{ReportFormat.Seconds(report.WallSeconds)}, commit `{e.GitCommit}`.\n\n");

        md.Append("## Summary\n\n");
        md.Append(CultureInfo.InvariantCulture, $"| total | hold | fail | inconclusive |\n|---:|---:|---:|---:|\n| {s.Total} | {s.Holds} | {s.Fails} | {s.Inconclusive} |\n\n");
        md.Append("By kind: ").Append(Esc(s.KindsText())).Append(". Definitions are regression guards that hold by definition; they are shown but not counted as evidence.\n\n");
        var o = 0;
        foreach (var plot in OverviewPlots.For(report))
            Image(md, images, plot, $"_overview-{++o}.png", 540, 340);
        md.Append("| # | claim | kind | verdict | measured | expected / bound | tolerance | time |\n|---:|---|---|---|---:|---:|---:|---:|\n");
        var i = 0;
        foreach (var c in report.Sections)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {++i} | [`{c.Id}`](#{c.Anchor}) {Cell(c.Title)} | {ReportFormat.Kind(c.Kind)} | {VerdictMark(c.Verdict)} | "
                + $"{ReportFormat.Number(c.Result.Measured)} | {ReportFormat.Number(c.Result.Expected)} | {ReportFormat.Number(c.Result.Tolerance)} | {ReportFormat.Seconds(c.WallSeconds)} |\n");
        }
        md.Append('\n');

        md.Append("## Claims\n");
        foreach (var c in report.Sections)
        {
            var r = c.Result;
            md.Append("\n<a id=\"").Append(c.Anchor).Append("\"></a>\n\n");
            md.Append("### ").Append(VerdictMark(c.Verdict)).Append(" `").Append(c.Id).Append("` — ").Append(Esc(c.Title)).Append("\n\n");
            md.Append("**Statement.** ").Append(Esc(c.Statement).Replace("\n", "  \n", StringComparison.Ordinal)).Append("\n\n");
            md.Append("**Source.** ").Append(Esc(c.Source)).Append(" · **Kind.** ").Append(ReportFormat.Kind(c.Kind)).Append("\n\n");
            md.Append("| | |\n|---|---|\n");
            Row(md, "parameters", Cell(ReportFormat.Parameters(r.Parameters)));
            Row(md, "measured", ReportFormat.Number(r.Measured));
            Row(md, ReportFormat.ExpectedLabel(c.Kind), ReportFormat.Number(r.Expected));
            Row(md, "tolerance", ReportFormat.Number(r.Tolerance));
            Row(md, "verdict", $"{VerdictMark(c.Verdict)} {Cell(r.Detail)}");
            Row(md, "seed", $"{r.Seed.ToString(CultureInfo.InvariantCulture)} (the {(c.Verdict == Verdict.Fails ? "falsifying case's" : "reported case's")} seed)");
            Row(md, "replay", Code(c.Replay));
            Row(md, "wall time", ReportFormat.Seconds(c.WallSeconds));
            if (r.Cases is { } cases) Row(md, "cases", Cell(ReportFormat.Cases(cases)));
            if (c.Info is { } info)
            {
                Row(md, "falsifiers", Cell(ReportFormat.Falsifiers(info.Falsifiers)));
                if (info.References.Count > 0) Row(md, "references", Cell(string.Join(", ", info.References) + " (docs/references.md)"));
            }
            md.Append('\n');
            if (c.Verdict == Verdict.Fails)
            {
                md.Append("> [!CAUTION]\n> **Falsifying instance.** Falsifying case seed **").Append(r.Seed).Append("** (derived from base seed ")
                    .Append(st.Seed).Append("). Replay: ").Append(Code(c.Replay)).Append("\n\n");
                Fence(md, c.FalsifyingInstance ?? r.Detail);
            }
            if (c.Error is not null)
            {
                md.Append("**Error while checking:**\n\n");
                Fence(md, c.Error);
            }
            var k = 0;
            foreach (var plot in c.Plots)
                Image(md, images, plot, $"{SafeName(c.Id)}-{++k}.png", PlotRenderer.DefaultWidth, PlotRenderer.DefaultHeight);
        }
        Environment(md, report);
        return new Rendered(md.ToString(), images);
    }

    private static Rendered RenderFalsify(ClaimReport report)
    {
        var md = new StringBuilder(32 * 1024);
        var f = report.Falsifiers;
        var st = report.Settings;
        md.Append("# ").Append(Esc(report.Title)).Append("\n\n");
        if (f.AllCaught) md.Append("**All ").Append(f.Declared).Append(" falsifiers caught.**");
        else if (f.Declared == 0) md.Append("**No falsifier ran.**");
        else md.Append("**").Append(f.Caught).Append(" of ").Append(f.Declared).Append(" falsifiers caught.** NOT CAUGHT: ")
            .Append(string.Join(", ", f.NotCaught.Select(n => $"`{n}`"))).Append('.');
        if (f.Pending.Count > 0)
            md.Append(' ').Append(f.Pending.Count).Append(f.Pending.Count == 1 ? " claim declares" : " claims declare").Append(" no falsifier yet: ")
                .Append(string.Join(", ", f.Pending.Select(id => $"`{id}`"))).Append('.');
        md.Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Falsify mode: every falsifier of every claim (a deliberately broken formula, dropped term, false constant or broken input) "
            + $"instead of the claims' checks; the claim's own check must report FAILS. Profile **{Esc(st.Profile)}**, seed **{st.Seed}**, {st.Cases} cases per claim, wall time "
                + $"{ReportFormat.Seconds(report.WallSeconds)}, commit `{report.Environment.GitCommit}`.\n\n");
        md.Append("## Summary\n\n");
        md.Append(CultureInfo.InvariantCulture, $"| claims | falsifiers | caught | not caught | claims without falsifier |\n|---:|---:|---:|---:|---:|\n| {f.Claims} | {f.Declared} "
            + $"| {f.Caught} | {f.Declared - f.Caught} | {f.Pending.Count} |\n\n");
        md.Append("| # | claim | kind | falsifier | what was broken | caught | verdict | time |\n|---:|---|---|---|---|---|---|---:|\n");
        var i = 0;
        foreach (var c in report.Sections)
        {
            i++;
            if (c.FalsifierRuns.Count == 0)
                md.Append(CultureInfo.InvariantCulture, $"| {i} | [`{c.Id}`](#{c.Anchor}) | {ReportFormat.Kind(c.Kind)} | — | no falsifier declared yet | ⚠️ | | |\n");
            foreach (var r in c.FalsifierRuns)
                md.Append(CultureInfo.InvariantCulture, $"| {i} | [`{c.Id}`](#{c.Anchor}) | {ReportFormat.Kind(c.Kind)} | `{r.Falsifier.Name}` | {Cell(r.Falsifier.Broken)} | "
                    + $"{(r.Caught ? "✅ caught" : "❌ **NOT CAUGHT**")} | {ReportFormat.Verdict(r.Outcome.Result.Verdict)} | {ReportFormat.Seconds(r.Outcome.WallSeconds)} |\n");
        }
        md.Append("\n## Claims\n");
        foreach (var c in report.Sections)
        {
            md.Append("\n<a id=\"").Append(c.Anchor).Append("\"></a>\n\n");
            md.Append("### ").Append(Esc(ReportFormat.FalsifyStatus(c))).Append(" `").Append(c.Id).Append("` — ").Append(Esc(c.Title)).Append("\n\n");
            md.Append("**Statement.** ").Append(Esc(c.Statement).Replace("\n", "  \n", StringComparison.Ordinal)).Append("\n\n");
            md.Append("**Source.** ").Append(Esc(c.Source)).Append(" · **Kind.** ").Append(ReportFormat.Kind(c.Kind)).Append("\n\n");
            if (c.FalsifierRuns.Count == 0) md.Append("No falsifier declared yet: this claim cannot yet be seen to fail.\n\n");
            foreach (var r in c.FalsifierRuns)
            {
                var res = r.Outcome.Result;
                md.Append(r.Caught ? "- **falsifier caught:** " : "- ❌ **NOT CAUGHT:** ").Append(Esc(r.Falsifier.Broken)).Append(" (`").Append(r.Falsifier.Name).Append("`, ")
                    .Append(Cell(ReportFormat.Parameters(r.Falsifier.Overrides))).Append(")  \n  verdict ").Append(ReportFormat.Verdict(res.Verdict)).Append(": ")
                    .Append(Cell(res.Detail)).Append("  \n  replay: ").Append(Code(r.Replay)).Append('\n');
            }
            md.Append('\n');
        }
        Environment(md, report);
        return new Rendered(md.ToString(), []);
    }

    private static void Environment(StringBuilder md, ClaimReport report)
    {
        var e = report.Environment;
        var st = report.Settings;
        md.Append("\n## Environment\n\n| | |\n|---|---|\n");
        Row(md, "command", Code(e.CommandLine));
        Row(md, "Collapse", Cell(e.CollapseVersion));
        Row(md, "git commit", Code(e.GitCommit));
        Row(md, ".NET", Cell(e.DotnetVersion));
        foreach (var kv in e.Components) Row(md, Cell(kv.Key), Cell(kv.Value));
        Row(md, "OS", Cell($"{e.Os} ({e.Architecture})"));
        Row(md, "machine", Cell(e.Machine));
        Row(md, "CPU", Cell($"{e.Cpu}, {e.LogicalCores} logical cores"));
        Row(md, "GPU", Cell(e.Gpu));
        Row(md, "memory", Cell(ReportFormat.Gibibytes(e.MemoryBytes)));
        Row(md, "profile", Cell(st.Profile) + (st.Falsify ? " (falsify mode)" : ""));
        Row(md, "base seed", st.Seed.ToString(CultureInfo.InvariantCulture));
        Row(md, "cases per claim", st.Cases.ToString(CultureInfo.InvariantCulture));
        Row(md, "claim filter", st.ClaimFilter.Count == 0 ? "all claims of the profile" : Code(string.Join(",", st.ClaimFilter)));
        Row(md, "parameter overrides", st.ParameterOverrides.Count == 0 ? "none"
            : string.Join("; ", st.ParameterOverrides.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{Code(kv.Key)}: {Cell(ReportFormat.Parameters(kv.Value))}")));
        Row(md, "started", e.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Row(md, "wall time", ReportFormat.Seconds(report.WallSeconds));
        md.Append('\n');
    }

    private static void Image(StringBuilder md, List<KeyValuePair<string, byte[]>> images, PlotSpec plot, string file, int width, int height)
    {
        var png = PlotRenderer.ToPng(plot, width, height);
        var path = $"{PlotFolder}/{file}";
        images.Add(new KeyValuePair<string, byte[]>(path, png.Content));
        md.Append("![").Append(Esc(plot.Title)).Append("](").Append(path).Append(")\n\n");
        var caption = string.Join(" ", new[] { plot.Caption ?? "", PlotRenderer.DroppedNote(png.Dropped, plot) }.Where(x => x.Length > 0));
        if (caption.Length > 0) md.Append('*').Append(Esc(caption)).Append("*\n\n");
    }

    /// <summary>A file-name-safe version of a claim id.</summary>
    public static string SafeName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var ch in id) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        return sb.ToString();
    }

    private static string VerdictMark(Verdict v) => v switch
    {
        Verdict.Holds => "✅ holds",
        Verdict.Fails => "❌ **FAILS**",
        _ => "⚠️ inconclusive",
    };

    private static void Row(StringBuilder md, string key, string value) => md.Append("| ").Append(key).Append(" | ").Append(value).Append(" |\n");

    private static void Fence(StringBuilder md, string text)
    {
        var fence = "```";
        while (text.Contains(fence, StringComparison.Ordinal)) fence += "`";
        md.Append(fence).Append("text\n").Append(text.TrimEnd()).Append('\n').Append(fence).Append("\n\n");
    }

    /// <summary>Escapes Markdown syntax in plain text.</summary>
    public static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static string Cell(string s) => Esc(s).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Code(string s)
    {
        var t = s.Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        var ticks = "`";
        while (t.Contains(ticks, StringComparison.Ordinal)) ticks += "`";
        return ticks + (ticks.Length > 1 ? " " + t + " " : t) + ticks;
    }
}
