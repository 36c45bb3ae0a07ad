using System.Text.RegularExpressions;
using Collapse.Reports.Output;
using Collapse.Reports.Runs;
using Collapse.Reports.Tests.Fixtures;
using SkiaSharp;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>
/// Opens real reports in headless Chromium: the page loads without errors (no console messages, no error events),
/// every plot is rendered (non-empty SVG bounding box), the expected headings are present, and the screenshot is not
/// blank; a failing report shows red.
/// </summary>
public class ChromiumRenderingTests
{
    [ChromiumFact]
    public void FailingReportLoadsCleanlyWithPlotsHeadingsAndRed()
    {
        var dir = TestReports.TempDir();
        var files = ReportWriter.Write(TestReports.Failing(), dir);

        var png = Path.Combine(dir, "screenshot.png");
        // One browser run: the DOM after scripts ran, and a screenshot of the first 1200×2000 pixels.
        var dom = Chromium.Headless(files.Html, "--dump-dom", $"--screenshot={png}", "--window-size=1200,2000", "--hide-scrollbars");
        Assert.Equal(0, dom.ExitCode);
        Assert.Empty(Chromium.ConsoleMessages(dom.Stderr));
        Assert.Contains("data-errors=\"0\"", dom.Stdout);
        Assert.Contains("data-plots-rendered=\"5\"", dom.Stdout);
        Assert.Equal(5, Regex.Matches(dom.Stdout, "<svg class=\"plot\"").Count);
        Assert.Contains("<h1>Collapse proof-sanity report</h1>", dom.Stdout);
        foreach (var heading in new[] { "<h2>Summary</h2>", "<h2>Environment</h2>", "<h2>Claims</h2>", "<h4>Falsifying instance</h4>" })
            Assert.Contains(heading, dom.Stdout);
        Assert.Contains("<article class=\"claim fails\" id=\"claim-test-cauchy-schwarz\">", dom.Stdout);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(2000, bitmap.Height);
        Assert.True(ImageStats.LuminanceVariance(bitmap) > 100, "screenshot is blank");
        Assert.True(ImageStats.DistinctColors(bitmap) > 50, "screenshot has almost no colours");
        Assert.True(ImageStats.RedFraction(bitmap) > 0.0005, "no red verdict visible in the failing report");
    }

    [ChromiumFact]
    public void PassingReportShowsItsPlotsAndNoRed()
    {
        var dir = TestReports.TempDir();
        var files = ReportWriter.Write(TestReports.Passing(), dir);
        var png = Path.Combine(dir, "screenshot.png");
        var shot = Chromium.Headless(files.Html, "--dump-dom", $"--screenshot={png}", "--window-size=1200,3200", "--hide-scrollbars");
        Assert.Equal(0, shot.ExitCode);
        Assert.Empty(Chromium.ConsoleMessages(shot.Stderr));
        Assert.Contains("data-errors=\"0\" data-plots-rendered=\"5\"", shot.Stdout);
        using var bitmap = SKBitmap.Decode(png);
        Assert.True(ImageStats.LuminanceVariance(bitmap) > 100, "screenshot is blank");
        Assert.Equal(0, ImageStats.RedFraction(bitmap));
        Assert.True(ImageStats.PlotBlueFraction(bitmap) > 0.0005, "no plot curve visible in the screenshot");
    }

    [ChromiumFact]
    public void RunReportOfThePyTorchFixtureLoadsCleanlyWithEveryPanelAndTheHeatmap()
    {
        // The committed PyTorch run (tests/DeepValidation.Tests/Fixtures/pytorch-run, analysed by collapse analyze-run).
        var dir = TestReports.TempDir();
        var report = TestRuns.Report(TestRuns.PyTorchRun);
        var files = RunReportWriter.Write(report, dir);
        var plots = report.Panels.Count + report.Heatmaps.Count;
        Assert.Equal(10, plots);

        var png = Path.Combine(dir, "screenshot.png");
        var dom = Chromium.Headless(files.Html, "--dump-dom", $"--screenshot={png}", "--window-size=1200,2400", "--hide-scrollbars");
        Assert.Equal(0, dom.ExitCode);
        Assert.Empty(Chromium.ConsoleMessages(dom.Stderr));
        Assert.Contains($"data-errors=\"0\" data-plots-rendered=\"{plots}\"", dom.Stdout);
        Assert.Equal(plots, Regex.Matches(dom.Stdout, "<svg class=\"plot\"").Count);
        Assert.Contains("<h1>Training run pytorch-run</h1>", dom.Stdout);
        foreach (var heading in new[] { "<h2>Runs</h2>", "<h2>Along epochs</h2>", "<h2>Class-pair margins of the last epoch</h2>", "<h2>Claims</h2>", "<h2>Environment</h2>" })
            Assert.Contains(heading, dom.Stdout);
        foreach (var title in new[] { "Accuracy", "NC1: within-class variability collapse", "NC2: equinorm", "NC2: equiangularity", "NC3: convergence to self-duality", "NC4: simplification to nearest class centre", "Minimum margin p_min", "Normalised margin", "Class-pair margins γ_kl, epoch 6" })
            Assert.Contains($"aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\"", dom.Stdout);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1200, bitmap.Width);
        Assert.True(ImageStats.LuminanceVariance(bitmap) > 100, "screenshot is blank");
        Assert.True(ImageStats.PlotBlueFraction(bitmap) > 0.0005, "no plot curve visible in the screenshot");
        Assert.Equal(0, ImageStats.RedFraction(bitmap));
    }

    [ChromiumFact]
    public void TheLoadCheckCatchesABrokenPage()
    {
        // Negative control: a page that fetches from the network and calls an undefined function must be caught
        // by the same checks the report passes.
        var dir = TestReports.TempDir();
        var files = ReportWriter.Write(TestReports.Passing(), dir);
        var broken = Path.Combine(dir, "broken.html");
        File.WriteAllText(broken, File.ReadAllText(files.Html).Replace("<main>",
            "<main><img src=\"https://example.invalid/x.png\"><script>undefinedFunction();</script>", StringComparison.Ordinal));
        var dom = Chromium.Headless(broken, "--dump-dom");
        Assert.DoesNotContain("data-errors=\"0\"", dom.Stdout);
        Assert.Contains(Chromium.ConsoleMessages(dom.Stderr), m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Contains(Chromium.ConsoleMessages(dom.Stderr), m => m.Contains("undefinedFunction", StringComparison.Ordinal));
    }
}
