using Collapse.Reports.Output;
using Collapse.Reports.Rendering;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Plots;

/// <summary>Writes plots of a run (e.g. <c>collapse lesde</c>) as PNG files, each atomically.</summary>
public static class PlotFiles
{
    /// <summary>
    /// Renders each plot to <c>FOLDER/PREFIX-i-TITLE.png</c> (i = 1, 2, …; the title made file-safe) and returns the
    /// paths in order. The folder is created if needed.
    /// </summary>
    public static IReadOnlyList<string> WritePngs(string folder, string prefix, IReadOnlyList<PlotSpec> plots)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(plots);
        var paths = new List<string>();
        for (var i = 0; i < plots.Count; i++)
        {
            var path = Path.Combine(folder, $"{MarkdownRenderer.SafeName(prefix)}-{i + 1}-{MarkdownRenderer.SafeName(plots[i].Title.ToLowerInvariant().Replace(' ', '-'))}.png");
            AtomicFile.WriteAllBytes(path, PlotRenderer.ToPng(plots[i]).Content);
            paths.Add(path);
        }
        return paths;
    }
}
