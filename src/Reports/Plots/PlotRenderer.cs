using System.Globalization;
using System.Text.RegularExpressions;
using Collapse.Theory.Claims;
using ScottPlot;

namespace Collapse.Reports.Plots;

/// <summary>
/// Renders a <see cref="PlotSpec"/> with ScottPlot, headless, to SVG (for the self-contained HTML report) or PNG
/// (for the Markdown report). Log axes are drawn by plotting log10 of the values with decade ticks
/// (<see cref="LogTicks"/>); non-finite points, and points ≤ 0 on a log axis, are not drawn and are counted in
/// <see cref="RenderedPlot{T}.Dropped"/>. Series longer than <see cref="MaxPointsPerSeries"/> are thinned for drawing
/// (evenly in index, or in log-index when the x axis is logarithmic); the report's JSON keeps every point. Series
/// colours never include red, which the report reserves for failing verdicts; series and markers with the same
/// <see cref="PlotSeries.ColorSlot"/> share a colour. A linear x axis whose data are all integers (epochs, claim
/// numbers) gets integer ticks only.
/// </summary>
public static partial class PlotRenderer
{
    /// <summary>Largest number of points drawn per series.</summary>
    public const int MaxPointsPerSeries = 1500;

    /// <summary>Default width in pixels.</summary>
    public const int DefaultWidth = 880;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 440;

    /// <summary>A rendered plot and the number of points that could not be drawn.</summary>
    /// <param name="Content">SVG markup (no XML declaration) or PNG bytes.</param>
    /// <param name="Dropped">Points not drawn (non-finite, or ≤ 0 on a log axis).</param>
    public sealed record RenderedPlot<T>(T Content, int Dropped);

    /// <summary>
    /// Renders to SVG markup suitable for inlining in HTML: no XML declaration, element ids prefixed with
    /// <paramref name="idPrefix"/> so that several plots on one page never share an id.
    /// </summary>
    public static RenderedPlot<string> ToSvg(PlotSpec spec, string idPrefix, int width = DefaultWidth, int height = DefaultHeight,
        LegendPlacement legend = LegendPlacement.Right)
    {
        var (plot, dropped) = Build(spec, legend, svg: true);
        return new RenderedPlot<string>(InlineSvg(SvgDashes(plot.GetSvgXml(width, height)), idPrefix, spec.Title, width, height), dropped);
    }

    /// <summary>
    /// Makes ScottPlot's SVG inlinable: drops the XML declaration, prefixes element ids with <paramref name="idPrefix"/>,
    /// and gives the root the class <c>plot</c>, a viewBox and an accessible name.
    /// </summary>
    internal static string InlineSvg(string svg, string idPrefix, string title, int width, int height)
    {
        svg = XmlDeclaration().Replace(svg, "").Trim();
        svg = IdAttribute().Replace(svg, m => $"id=\"{idPrefix}-{m.Groups[1].Value}\"");
        svg = IdReference().Replace(svg, m => $"url(#{idPrefix}-{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"href=\"#{idPrefix}-{m.Groups[1].Value}\"");
        // Accessible name, and a class the report's stylesheet and tests can find.
        return SvgOpen().Replace(svg, m => $"<svg class=\"plot\" role=\"img\" viewBox=\"0 0 {width} {height}\" aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\"", 1);
    }

    /// <summary>Renders to PNG bytes.</summary>
    public static RenderedPlot<byte[]> ToPng(PlotSpec spec, int width = DefaultWidth, int height = DefaultHeight,
        LegendPlacement legend = LegendPlacement.Right)
    {
        var (plot, dropped) = Build(spec, legend);
        return new RenderedPlot<byte[]>(plot.GetImageBytes(width, height, ImageFormat.Png), dropped);
    }

    /// <summary>
    /// Alpha values that tag dashed and dotted strokes in SVG output. Skia's SVG canvas cannot write a path effect: it
    /// prints "Unsupported path effect in addPaint" on stderr and emits every dash as a filled polygon. So for SVG the
    /// lines are drawn solid in a colour with one of these alphas (no palette colour uses them) and
    /// <see cref="SvgDashes"/> turns the tag into an SVG <c>stroke-dasharray</c> at full opacity.
    /// </summary>
    private const byte DashedAlpha = 254, DottedAlpha = 253;

    /// <summary>The stroke-opacity Skia writes for an alpha (a float, 9 significant digits at most).</summary>
    private static string Opacity(byte alpha) => ((float)(alpha / 255.0)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Replaces the alpha tags of dashed and dotted strokes by SVG dash arrays (see <see cref="DashedAlpha"/>).</summary>
    internal static string SvgDashes(string svg) =>
        svg.Replace($"stroke-opacity=\"{Opacity(DashedAlpha)}\"", "stroke-dasharray=\"8 5\"", StringComparison.Ordinal)
           .Replace($"stroke-opacity=\"{Opacity(DottedAlpha)}\"", "stroke-dasharray=\"2 3\"", StringComparison.Ordinal);

    private static (Plot Plot, int Dropped) Build(PlotSpec spec, LegendPlacement legend, bool svg = false)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(spec.Title, 15);
        plot.XLabel(spec.XLabel + (spec.LogX ? " (log scale)" : ""), 13);
        plot.YLabel(spec.YLabel + (spec.LogY ? " (log scale)" : ""), 13);

        var dropped = 0;
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        var anyLegend = false;
        var drawn = 0;
        var integerX = !spec.LogX;
        foreach (var series in spec.Series)
        {
            var (xs, ys, lost) = Drawable(series, spec.LogX, spec.LogY);
            dropped += lost;
            if (xs.Length == 0) continue;
            (xs, ys) = Thin(xs, ys, spec.LogX);
            for (var i = 0; i < xs.Length; i++)
            {
                integerX &= xs[i] == Math.Round(xs[i]);
                xMin = Math.Min(xMin, xs[i]); xMax = Math.Max(xMax, xs[i]);
                yMin = Math.Min(yMin, ys[i]); yMax = Math.Max(yMax, ys[i]);
            }
            var scatter = series.Style == SeriesStyle.Points ? plot.Add.ScatterPoints(xs, ys) : plot.Add.ScatterLine(xs, ys);
            scatter.Color = SlotColor(series.ColorSlot ?? drawn);
            drawn++;
            switch (series.Style)
            {
                case SeriesStyle.Points:
                    scatter.MarkerSize = 6;
                    break;
                case SeriesStyle.Dashed:
                    scatter.LineWidth = 2;
                    if (svg) scatter.Color = scatter.Color.WithAlpha(DashedAlpha);
                    else scatter.LinePattern = LinePattern.Dashed;
                    break;
                default:
                    scatter.LineWidth = 2;
                    if (xs.Length <= 40) { scatter.MarkerSize = 5; scatter.MarkerShape = MarkerShape.FilledCircle; }
                    break;
            }
            if (!string.IsNullOrEmpty(series.Name)) { scatter.LegendText = series.Name; anyLegend = true; }
        }

        foreach (var marker in spec.Markers)
        {
            var x = spec.LogX ? (marker.X > 0 ? Math.Log10(marker.X) : double.NaN) : marker.X;
            if (!double.IsFinite(x)) { dropped++; continue; }
            var colour = marker.ColorSlot is int slot ? SlotColor(slot) : Colors.Gray;
            var line = svg
                ? plot.Add.VerticalLine(x, 1.5f, colour.WithAlpha(DottedAlpha), LinePattern.Solid)
                : plot.Add.VerticalLine(x, 1.5f, colour, LinePattern.Dotted);
            line.LegendText = marker.Label;
            anyLegend = true;
            xMin = Math.Min(xMin, x); xMax = Math.Max(xMax, x);
        }

        // Integer x data (epochs, claim numbers): no ticks between integers.
        if (integerX && double.IsFinite(xMin))
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (spec.LogX && double.IsFinite(xMin)) ApplyLogAxis(plot, plot.Axes.Bottom, xMin, xMax, horizontal: true);
        if (spec.LogY && double.IsFinite(yMin)) ApplyLogAxis(plot, plot.Axes.Left, yMin, yMax, horizontal: false);
        if (!double.IsFinite(xMin))
            plot.Title(spec.Title + " (no drawable points)", 15);
        if (anyLegend) plot.ShowLegend(legend == LegendPlacement.Below ? Edge.Bottom : Edge.Right);
        return (plot, dropped);
    }

    /// <summary>Series colours: the Category10 palette without its red, which the report reserves for failures.</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"),
        Color.FromHex("#17becf"),
    ];

    /// <summary>The palette colour of a slot (any integer; the palette repeats).</summary>
    internal static Color SlotColor(int slot) => Palette[((slot % Palette.Length) + Palette.Length) % Palette.Length];

    private static void ApplyLogAxis(Plot plot, IAxis axis, double lo, double hi, bool horizontal)
    {
        if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
        var pad = 0.04 * (hi - lo);
        lo -= pad; hi += pad;
        var manual = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in LogTicks.Generate(lo, hi))
        {
            if (t.Major) manual.AddMajor(t.Position, t.Label);
            else manual.AddMinor(t.Position);
        }
        axis.TickGenerator = manual;
        if (horizontal) plot.Axes.SetLimitsX(lo, hi);
        else plot.Axes.SetLimitsY(lo, hi);
    }

    private static (double[] X, double[] Y, int Dropped) Drawable(PlotSeries series, bool logX, bool logY)
    {
        var n = Math.Min(series.X.Count, series.Y.Count);
        var dropped = Math.Max(series.X.Count, series.Y.Count) - n;
        var xs = new List<double>(n);
        var ys = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            double x = series.X[i], y = series.Y[i];
            if (logX) x = x > 0 ? Math.Log10(x) : double.NaN;
            if (logY) y = y > 0 ? Math.Log10(y) : double.NaN;
            if (!double.IsFinite(x) || !double.IsFinite(y)) { dropped++; continue; }
            xs.Add(x);
            ys.Add(y);
        }
        return (xs.ToArray(), ys.ToArray(), dropped);
    }

    /// <summary>Keeps at most <see cref="MaxPointsPerSeries"/> points, always the first and the last.</summary>
    private static (double[] X, double[] Y) Thin(double[] xs, double[] ys, bool logIndex)
    {
        var n = xs.Length;
        if (n <= MaxPointsPerSeries) return (xs, ys);
        var keep = new SortedSet<int>();
        for (var j = 0; j < MaxPointsPerSeries; j++)
        {
            var f = j / (double)(MaxPointsPerSeries - 1);
            var idx = logIndex ? Math.Pow(n, f) - 1 : f * (n - 1);
            keep.Add((int)Math.Clamp(Math.Round(idx), 0, n - 1));
        }
        var ox = new double[keep.Count];
        var oy = new double[keep.Count];
        var k = 0;
        foreach (var i in keep) { ox[k] = xs[i]; oy[k] = ys[i]; k++; }
        return (ox, oy);
    }

    /// <summary>Short description of dropped points for a caption (empty when none).</summary>
    public static string DroppedNote(int dropped, PlotSpec spec) =>
        dropped == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"{dropped} point{(dropped == 1 ? "" : "s")} not drawn (non-finite{(spec.LogX || spec.LogY ? " or ≤ 0 on a log axis" : "")}).");

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex IdReference();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();

    [GeneratedRegex("<svg")]
    private static partial Regex SvgOpen();
}
