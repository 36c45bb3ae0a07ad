namespace Collapse.Theory.Claims;

/// <summary>How a <see cref="PlotSeries"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Solid line: a measured curve (loss, margin, metric vs step).</summary>
    Line,
    /// <summary>Dashed line: a reference, bound or fitted curve (e.g. the fitted c/log t).</summary>
    Dashed,
    /// <summary>Markers without a line: scattered measurements (e.g. a permutation spread).</summary>
    Points,
}
