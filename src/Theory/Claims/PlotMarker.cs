namespace Collapse.Theory.Claims;

/// <summary>A labelled vertical line on a <see cref="PlotSpec"/> (e.g. the start of the terminal phase of training).</summary>
/// <param name="X">Position in data units.</param>
/// <param name="Label">Legend text.</param>
public sealed record PlotMarker(double X, string Label)
{
    /// <summary>Palette slot as in <see cref="PlotSeries.ColorSlot"/>; null (the default) draws the line grey.</summary>
    public int? ColorSlot { get; init; }
}
