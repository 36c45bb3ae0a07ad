using Collapse.Reports.Plots;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using SkiaSharp;
using Xunit;

namespace Collapse.Reports.Tests;

public class PlotRendererTests
{
    private static PlotSpec Decay(bool logY) => new("Loss vs step", "step", "CE", true, logY,
        [new PlotSeries("CE", [1.0, 10, 100, 1000, 1e4], [1.0, 1e-3, 1e-30, 1e-120, 1e-300]),
         new PlotSeries("zero", [1.0, 2], [0.0, 0.0])]);

    [Fact]
    public void SvgIsInlineableWithPrefixedIds()
    {
        var a = PlotRenderer.ToSvg(Decay(true), "pa").Content;
        var b = PlotRenderer.ToSvg(Decay(true), "pb").Content;
        Assert.StartsWith("<svg class=\"plot\"", a);
        Assert.DoesNotContain("<?xml", a);
        var idsA = System.Text.RegularExpressions.Regex.Matches(a, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var idsB = System.Text.RegularExpressions.Regex.Matches(b, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(idsA);
        Assert.All(idsA, id => Assert.StartsWith("pa-", id));
        Assert.Empty(idsA.Intersect(idsB));
        Assert.DoesNotContain("url(#cl", a);
    }

    [Fact]
    public void LogAxisLabelsDecadesAndDropsNonPositivePoints()
    {
        var svg = PlotRenderer.ToSvg(Decay(true), "p");
        // The two zeros of the "zero" series cannot be drawn on a log y axis.
        Assert.Equal(2, svg.Dropped);
        Assert.Contains("(log scale)", svg.Content);
        // 1e-300 on the y axis: the axis spans 300 decades, so it is labelled with powers of ten.
        var ticks = LogTicks.Generate(-300, 0);
        Assert.Contains(ticks, t => t.Label == "10⁻³⁰⁰");
        Assert.Contains(ticks, t => t.Label == "10⁰");
    }

    /// <summary>
    /// Skia's SVG canvas cannot write a dash path effect (it warns on stderr and fills each dash as a polygon), so dashed
    /// series, their legend samples and dotted markers come out as SVG dash arrays instead; solid series stay solid.
    /// </summary>
    [Fact]
    public void DashedSeriesAndDottedMarkersAreSvgDashArrays()
    {
        var spec = new PlotSpec("t", "x", "y", false, false,
            [new PlotSeries("solid", [1.0, 2, 3], [1.0, 2, 3]), new PlotSeries("dashed", [1.0, 2, 3], [3.0, 2, 1]) { Style = SeriesStyle.Dashed }])
        { Markers = [new PlotMarker(2, "marker")] };
        var svg = PlotRenderer.ToSvg(spec, "p").Content;
        var paths = System.Text.RegularExpressions.Regex.Matches(svg, "<path [^>]*>").Select(m => m.Value).ToList();
        // The dashed series and its legend sample; the marker line and its legend sample.
        Assert.Equal(2, paths.Count(p => p.Contains("stroke=\"#FF7F0E\"") && p.Contains("stroke-dasharray=\"8 5\"")));
        Assert.Equal(2, paths.Count(p => p.Contains("stroke=\"gray\"") && p.Contains("stroke-dasharray=\"2 3\"")));
        Assert.All(paths.Where(p => p.Contains("stroke=\"#1F77B4\"")), p => Assert.DoesNotContain("dasharray", p));
        Assert.DoesNotContain("stroke-opacity=\"0.99", svg);
        // No dash is drawn as a filled polygon any more.
        Assert.DoesNotContain("fill=\"#FF7F0E\"", svg);
    }

    [Fact]
    public void LinearAxisDrawsZeros() => Assert.Equal(0, PlotRenderer.ToSvg(Decay(false) with { LogX = false }, "p").Dropped);

    [Fact]
    public void NarrowLogRangeUsesRoundValues()
    {
        var ticks = LogTicks.Generate(Math.Log10(0.5), Math.Log10(0.9));
        Assert.True(ticks.Count >= 2);
        Assert.Contains(ticks, t => t.Label == "0.6" && Math.Abs(t.Position - Math.Log10(0.6)) < 1e-12);
    }

    [Fact]
    public void FewDecadesGetMinorTicksAtTwoToNine()
    {
        var ticks = LogTicks.Generate(0, 3);
        Assert.Equal(["10⁰", "10¹", "10²", "10³"], ticks.Where(t => t.Major).Select(t => t.Label));
        Assert.Contains(ticks, t => !t.Major && Math.Abs(t.Position - Math.Log10(2)) < 1e-12);
        Assert.Equal(3 * 8, ticks.Count(t => !t.Major));
    }

    [Fact]
    public void OneToTwoDecadesGetOneTwoFiveLabels()
    {
        // 0.08 … 1.05 (nc1 of a short run, padded): a decade and a bit; not only 10⁻¹ and 10⁰ are labelled.
        var ticks = LogTicks.Generate(Math.Log10(0.08), Math.Log10(1.05));
        Assert.Equal(["0.1", "0.2", "0.5", "1"], ticks.Where(t => t.Major).Select(t => t.Label));
        Assert.Contains(ticks, t => !t.Major && Math.Abs(t.Position - Math.Log10(0.3)) < 1e-12);
        // Far from 1 the labels keep powers of ten.
        Assert.Equal(["2·10⁻⁶", "5·10⁻⁶", "10⁻⁵", "2·10⁻⁵", "5·10⁻⁵"], LogTicks.Generate(-5.9, -4.2).Where(t => t.Major).Select(t => t.Label));
    }

    [Fact]
    public void PngIsANonBlankImageOfTheRequestedSize()
    {
        var png = PlotRenderer.ToPng(Decay(true), 640, 360).Content;
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(640, bitmap.Width);
        Assert.Equal(360, bitmap.Height);
        Assert.True(ImageStats.DistinctColors(bitmap) > 20);
    }

    [Fact]
    public void PlotsNeverUseTheFailureRed()
    {
        var series = Enumerable.Range(0, 12).Select(k => new PlotSeries($"s{k}", [1.0, 2, 3], [k, k + 1.0, k + 2.0])).ToArray();
        var png = PlotRenderer.ToPng(new PlotSpec("many series", "x", "y", false, false, series), 640, 360).Content;
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(0, ImageStats.RedFraction(bitmap));
        Assert.True(ImageStats.PlotBlueFraction(bitmap) > 0);
    }

    [Fact]
    public void LongSeriesAreThinnedForDrawing()
    {
        var n = 100_000;
        var xs = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => 1 / x).ToArray();
        var spec = new PlotSpec("long", "t", "1/t", true, true, [new PlotSeries("1/t", xs, ys)]);
        var svg = PlotRenderer.ToSvg(spec, "p").Content;
        Assert.True(svg.Length < 400_000, $"svg has {svg.Length} characters");
    }

    [Fact]
    public void PlotWithoutDrawablePointsSaysSo()
    {
        var spec = new PlotSpec("empty", "t", "y", false, true, [new PlotSeries("neg", [1.0, 2.0], [-1.0, -2.0])]);
        var svg = PlotRenderer.ToSvg(spec, "p");
        Assert.Equal(2, svg.Dropped);
        Assert.Contains("2 points not drawn", PlotRenderer.DroppedNote(svg.Dropped, spec));
    }
}
