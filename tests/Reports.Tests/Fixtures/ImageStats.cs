using SkiaSharp;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Pixel statistics for "is this image blank?" checks.</summary>
public static class ImageStats
{
    public static int DistinctColors(SKBitmap bitmap)
    {
        var colors = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
                colors.Add((uint)bitmap.GetPixel(x, y));
        return colors.Count;
    }

    /// <summary>Variance of the luminance over all pixels (0 for a uniform image).</summary>
    public static double LuminanceVariance(SKBitmap bitmap)
    {
        double sum = 0, sumSq = 0;
        long n = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                var l = 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
                sum += l; sumSq += l * l; n++;
            }
        var mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /// <summary>Fraction of pixels that are clearly red (the failing-verdict colour, not orange or pink).</summary>
    public static double RedFraction(SKBitmap bitmap) =>
        Fraction(bitmap, c => c.Red > 150 && c.Green < 90 && c.Blue < 90);

    /// <summary>Fraction of pixels close to the first plot colour (ScottPlot's default blue, #1f77b4).</summary>
    public static double PlotBlueFraction(SKBitmap bitmap) =>
        Fraction(bitmap, c => Math.Abs(c.Red - 0x1f) < 30 && Math.Abs(c.Green - 0x77) < 30 && Math.Abs(c.Blue - 0xb4) < 30);

    private static double Fraction(SKBitmap bitmap, Func<SKColor, bool> match)
    {
        long hits = 0, n = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                if (match(bitmap.GetPixel(x, y))) hits++;
                n++;
            }
        return (double)hits / n;
    }
}
