using Collapse.Reports.Output;
using Collapse.Reports.Rendering;
using Collapse.Theory.IO;
using Collapse.Theory;

namespace Collapse.Reports.Runs;

/// <summary>
/// Writes a <see cref="RunReport"/> like the claims report (<see cref="ReportWriter"/>): <c>report.html</c>
/// (self-contained), <c>report.md</c> with <c>plots/*.png</c>, and <c>results.json</c>; every file atomically
/// (temporary file, then move), report.html last; PNGs left by an earlier report in the folder are removed.
/// </summary>
public static class RunReportWriter
{
    /// <summary>
    /// The default output folder: <c>DIR/report</c> for one run; for several, <c>report</c> in the deepest folder
    /// containing all of them (e.g. <c>runs/seed-1</c>, <c>runs/seed-2</c> → <c>runs/report</c>); null when that is
    /// the file-system root (then <c>--out</c> is required).
    /// </summary>
    public static string? DefaultOutput(IReadOnlyList<string> runFolders)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        if (runFolders.Count == 0) return null;
        if (runFolders.Count == 1) return Path.Combine(runFolders[0], "report");
        var parts = runFolders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)).Split(Path.DirectorySeparatorChar)).ToList();
        var common = 0;
        while (parts.All(p => p.Length > common) && parts.All(p => p[common] == parts[0][common])) common++;
        var shared = string.Join(Path.DirectorySeparatorChar, parts[0][..common]);
        if (shared.Length == 0 || Path.GetFullPath(shared) == Path.GetPathRoot(Path.GetFullPath(shared))) return null;
        return Path.Combine(shared, "report");
    }

    /// <summary>Writes the three renderings into <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="InputException">The path names an existing file.</exception>
    public static ReportFiles Write(RunReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (File.Exists(directory)) throw new InputException($"--out {directory}: is a file, expected a folder");
        // Render everything before the first file is written.
        var markdown = RunMarkdownRenderer.Render(report);
        var json = RunJsonRenderer.Render(report);
        var html = RunHtmlRenderer.Render(report);
        Directory.CreateDirectory(directory);
        var images = new List<string>();
        foreach (var (relative, bytes) in markdown.Images)
        {
            var path = Path.Combine(directory, relative);
            AtomicFile.WriteAllBytes(path, bytes, createFolder: true);
            images.Add(path);
        }
        ReportWriter.RemoveStalePlots(Path.Combine(directory, MarkdownRenderer.PlotFolder), images);
        var mdPath = Path.Combine(directory, ReportWriter.MarkdownFile);
        AtomicFile.WriteAllText(mdPath, markdown.Markdown);
        var jsonPath = Path.Combine(directory, ReportWriter.JsonFile);
        AtomicFile.WriteAllText(jsonPath, json);
        var htmlPath = Path.Combine(directory, ReportWriter.HtmlFile);
        AtomicFile.WriteAllText(htmlPath, html);
        return new ReportFiles(htmlPath, mdPath, jsonPath, images);
    }
}
