namespace Collapse.Reports.Plots;

/// <summary>Where <see cref="PlotRenderer"/> puts a plot's legend.</summary>
public enum LegendPlacement
{
    /// <summary>Outside the data area, to its right (the claims report's plots).</summary>
    Right,
    /// <summary>Outside the data area, below it, entries side by side (narrow panels in a grid: the data area keeps the full width).</summary>
    Below,
}
