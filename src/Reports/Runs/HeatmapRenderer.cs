using System.Globalization;
using Collapse.Reports.Plots;
using ScottPlot;

namespace Collapse.Reports.Runs;

/// <summary>
/// Draws a <see cref="GammaHeatmap"/> with ScottPlot (Viridis colour map with a labelled colour bar, classes on both
/// axes, row 0 at the top) to inline SVG or PNG. In SVG the cell bitmap is marked <c>image-rendering: pixelated</c>
/// so that browsers show sharp cells instead of interpolating between them.
/// </summary>
public static class HeatmapRenderer
{
    /// <summary>Width in pixels.</summary>
    public const int Width = 640;

    /// <summary>Height in pixels.</summary>
    public const int Height = 560;

    /// <summary>SVG markup for inlining in HTML (ids prefixed with <paramref name="idPrefix"/>).</summary>
    public static string ToSvg(GammaHeatmap map, string idPrefix)
    {
        var svg = Build(map).GetSvgXml(Width, Height);
        svg = svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        return PlotRenderer.InlineSvg(svg, idPrefix, map.Title, Width, Height);
    }

    /// <summary>PNG bytes.</summary>
    public static byte[] ToPng(GammaHeatmap map) => Build(map).GetImageBytes(Width, Height, ImageFormat.Png);

    private static Plot Build(GammaHeatmap map)
    {
        var k = map.Matrix.Classes;
        // ±∞ cannot be coloured: drawn grey like the undefined diagonal.
        var g = new double[k, k];
        for (var r = 0; r < k; r++)
            for (var c = 0; c < k; c++)
                g[r, c] = double.IsFinite(map.Matrix.Values[r, c]) ? map.Matrix.Values[r, c] : double.NaN;
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(map.Title, 15);
        plot.XLabel("l (competing class)", 13);
        plot.YLabel("k (true class)", 13);

        var heatmap = plot.Add.Heatmap(g);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Color.FromHex("#d9d9d9");
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "γ_kl";
        bar.LabelStyle.FontSize = 13;

        // Default extent: cell (row r, column c) centred at x = c, y = k − 1 − r (row 0 at the top).
        double Y(int row) => k - 1 - row;
        var step = TickStep(k);
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (var c = 0; c < k; c += step)
        {
            var label = c.ToString(CultureInfo.InvariantCulture);
            xTicks.AddMajor(c, label);
            yTicks.AddMajor(Y(c), label);
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.Grid.IsVisible = false;

        var (lo, hi) = Range(g);
        if (map.LabelValues)
        {
            var fontSize = k <= 6 ? 13 : k <= 10 ? 11 : 9;
            for (var r = 0; r < k; r++)
                for (var c = 0; c < k; c++)
                {
                    if (r == c || !double.IsFinite(g[r, c])) continue;
                    var text = plot.Add.Text(g[r, c].ToString("G3", CultureInfo.InvariantCulture), c, Y(r));
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = fontSize;
                    // Viridis is dark below ~60% of its range: white text there, black above.
                    text.LabelFontColor = hi > lo && (g[r, c] - lo) / (hi - lo) > 0.6 ? Colors.Black : Colors.White;
                }
        }
        var outline = Math.Clamp(480f / k, 6f, 44f);
        foreach (var p in map.Worst)
        {
            var marker = plot.Add.Marker(p.L, Y(p.K), MarkerShape.OpenSquare, outline, Color.FromHex("#ff7f0e"));
            marker.MarkerLineWidth = 2.5f;
            if (map.LabelValues) continue;
            var label = plot.Add.Text($"{p.K}→{p.L}", p.L, Y(p.K));
            label.LabelAlignment = p.L < k / 2 ? Alignment.LowerLeft : Alignment.LowerRight;
            label.OffsetX = p.L < k / 2 ? outline / 2 : -outline / 2;
            label.OffsetY = -outline / 2;
            label.LabelFontSize = 11;
            label.LabelBold = true;
            label.LabelFontColor = Colors.Black;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            label.LabelPadding = 2;
        }
        return plot;
    }

    /// <summary>Every class up to 20, then a round step giving about 10 ticks.</summary>
    private static int TickStep(int k)
    {
        if (k <= 20) return 1;
        foreach (var s in new[] { 2, 5, 10, 20, 25, 50, 100, 200, 250, 500 })
            if (k / s <= 12) return s;
        return 1000;
    }

    private static (double Lo, double Hi) Range(double[,] g)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in g)
            if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        return (lo, hi);
    }
}
