using System.Text.RegularExpressions;
using Collapse.Reports.Output;
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
