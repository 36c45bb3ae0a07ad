using Collapse.Reports.Model;
using Collapse.Reports.Rendering;
using Collapse.Theory.IO;
using Collapse.Theory;

namespace Collapse.Reports.Output;

/// <summary>Paths of the files a report wrote.</summary>
/// <param name="Html">report.html</param>
/// <param name="Markdown">report.md</param>
/// <param name="Json">results.json</param>
/// <param name="Images">PNG plots referenced by report.md.</param>
public sealed record ReportFiles(string Html, string Markdown, string Json, IReadOnlyList<string> Images)
{
    /// <summary>The JUnit XML file (<c>--junit</c>), or null when none was written.</summary>
    public string? Junit { get; init; }
}

/// <summary>
/// Writes a report to a folder: <c>report.html</c> (self-contained), <c>report.md</c> with <c>plots/*.png</c>, and
/// <c>results.json</c>. Every file is written atomically (temporary file, then move); report.html is written last.
/// </summary>
public static class ReportWriter
{
    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>File name of the JSON results.</summary>
    public const string JsonFile = "results.json";

    /// <summary>
    /// Writes the three renderings into <paramref name="directory"/> (created if missing). Throws
    /// <see cref="InputException"/> when the path names an existing file.
    /// </summary>
    public static ReportFiles Write(ClaimReport report, string directory)
    {
        if (File.Exists(directory)) throw new InputException($"--out {directory}: is a file, expected a folder");
        Directory.CreateDirectory(directory);

        var markdown = MarkdownRenderer.Render(report);
        var images = new List<string>();
        foreach (var (relative, bytes) in markdown.Images)
        {
            var path = Path.Combine(directory, relative);
            AtomicFile.WriteAllBytes(path, bytes, createFolder: true);
            images.Add(path);
        }
        RemoveStalePlots(Path.Combine(directory, MarkdownRenderer.PlotFolder), images);
        var md = Path.Combine(directory, MarkdownFile);
        AtomicFile.WriteAllText(md, markdown.Markdown);
        var json = Path.Combine(directory, JsonFile);
        AtomicFile.WriteAllText(json, JsonRenderer.Render(report));
        var html = Path.Combine(directory, HtmlFile);
        AtomicFile.WriteAllText(html, HtmlRenderer.Render(report));
        return new ReportFiles(html, md, json, images);
    }

    /// <summary>
    /// Writes the three renderings into <paramref name="directory"/> as <see cref="Write(ClaimReport, string)"/>, and then,
    /// when <paramref name="junitFile"/> is given, the claims as JUnit XML (<see cref="JunitRenderer"/>) to that file
    /// (its folder created if missing).
    /// </summary>
    public static ReportFiles Write(ClaimReport report, string directory, string? junitFile)
    {
        var files = Write(report, directory);
        if (junitFile is null) return files;
        AtomicFile.WriteAllText(junitFile, JunitRenderer.Render(report), createFolder: true);
        return files with { Junit = junitFile };
    }

    /// <summary>Deletes PNG files left in the plot folder by an earlier report in the same folder.</summary>
    internal static void RemoveStalePlots(string plotFolder, IReadOnlyList<string> current)
    {
        if (!Directory.Exists(plotFolder)) return;
        var keep = new HashSet<string>(current.Select(Path.GetFullPath), StringComparer.Ordinal);
        foreach (var png in Directory.EnumerateFiles(plotFolder, "*.png"))
            if (!keep.Contains(Path.GetFullPath(png))) File.Delete(png);
    }
}
