namespace Collapse.Theory.Claims;

/// <summary>
/// A plot a claim attaches to its result (see <see cref="ClaimEvidence"/>): title, axis labels, log axes and curves.
/// The report renders it (Collapse.Reports uses ScottPlot); Theory only describes it.
/// </summary>
/// <param name="Title">Plot title.</param>
/// <param name="XLabel">x-axis label (e.g. "step").</param>
/// <param name="YLabel">y-axis label (e.g. "CE").</param>
/// <param name="LogX">Logarithmic x axis (for quantities spanning decades); points with x ≤ 0 are not drawn.</param>
/// <param name="LogY">Logarithmic y axis; points with y ≤ 0 are not drawn.</param>
/// <param name="Series">Curves, drawn in order.</param>
public sealed record PlotSpec(string Title, string XLabel, string YLabel, bool LogX, bool LogY, IReadOnlyList<PlotSeries> Series)
{
    /// <summary>Labelled vertical lines (e.g. the TPT start); empty unless set.</summary>
    public IReadOnlyList<PlotMarker> Markers { get; init; } = [];

    /// <summary>Optional one-sentence caption shown under the plot.</summary>
    public string? Caption { get; init; }
}
