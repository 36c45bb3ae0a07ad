using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Builds the report plots of the deep claims from per-epoch records: a metric vs epoch, keeping only the points a
/// plot can draw (finite, and &gt; 0 on a log axis), TPT-start markers, and the filters that drop empty series and
/// plots. Claims attach plain numbers (<see cref="PlotSpec"/>); the report renders them.
/// </summary>
public static class DeepPlots
{
    /// <summary>x-axis label of the per-epoch plots.</summary>
    public const string EpochLabel = "epoch";

    /// <summary>
    /// <paramref name="value"/> of every record against its epoch (or <paramref name="x"/>), skipping unmeasured
    /// epochs, non-finite values, and values ≤ 0 when <paramref name="logY"/>.
    /// </summary>
    public static PlotSeries Series(string name, IEnumerable<EpochRecord> records, Func<EpochRecord, double?> value, bool logY,
        Func<EpochRecord, double>? x = null, SeriesStyle style = SeriesStyle.Line)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(value);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var r in records)
        {
            if (value(r) is not double y || !double.IsFinite(y) || (logY && y <= 0)) continue;
            var px = x is null ? r.Epoch : x(r);
            if (!double.IsFinite(px)) continue;
            xs.Add(px);
            ys.Add(y);
        }
        return new PlotSeries(name, xs, ys) { Style = style };
    }

    /// <summary>Paired points, keeping only finite pairs (and y &gt; 0 when <paramref name="logY"/>).</summary>
    public static PlotSeries Points(string name, IEnumerable<(double X, double Y)> points, bool logY = false, SeriesStyle style = SeriesStyle.Points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (px, py) in points)
        {
            if (!double.IsFinite(px) || !double.IsFinite(py) || (logY && py <= 0)) continue;
            xs.Add(px);
            ys.Add(py);
        }
        return new PlotSeries(name, xs, ys) { Style = style };
    }

    /// <summary>A marker at the TPT start t₀ (first epoch with 100% train accuracy); none when t₀ is null.</summary>
    public static IReadOnlyList<PlotMarker> TptMarker(int? tptStart, string? suffix = null) =>
        tptStart is int t ? [new PlotMarker(t, $"TPT start t₀ = {t}{suffix}")] : [];

    /// <summary>The series with at least one point.</summary>
    public static IReadOnlyList<PlotSeries> NonEmpty(IEnumerable<PlotSeries> series) => series.Where(s => s.X.Count > 0).ToList();

    /// <summary>The plots with at least one non-empty series.</summary>
    public static IReadOnlyList<PlotSpec> Drawable(IEnumerable<PlotSpec> plots) => plots.Where(p => p.Series.Any(s => s.X.Count > 0)).ToList();
}
