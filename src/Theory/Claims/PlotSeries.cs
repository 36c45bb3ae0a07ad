namespace Collapse.Theory.Claims;

/// <summary>
/// One curve of a <see cref="PlotSpec"/>: paired x and y values in data units (not log-transformed; the renderer
/// applies log axes). Plain numbers only, so claims attach curves without depending on a plotting library.
/// </summary>
/// <param name="Name">Legend text (e.g. "CE", "bound", "fit c/log t").</param>
/// <param name="X">x values (e.g. step or epoch).</param>
/// <param name="Y">y values, same length as <paramref name="X"/>.</param>
public sealed record PlotSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>How the curve is drawn; <see cref="SeriesStyle.Line"/> unless set.</summary>
    public SeriesStyle Style { get; init; } = SeriesStyle.Line;

    /// <summary>
    /// Palette slot: series with the same slot share a colour (e.g. the curves of one training run overlaid in several
    /// panels); null (the default) takes the next colour in drawing order.
    /// </summary>
    public int? ColorSlot { get; init; }
}
