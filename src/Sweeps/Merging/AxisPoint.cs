namespace Collapse.Sweeps.Merging;

/// <summary>
/// One point of a plot across an axis: a numeric result at one value of the axis, for one series (the values of the
/// other non-seed axes), summarized over the runs that share them (the seeds).
/// </summary>
/// <param name="Axis">The axis on the x-axis.</param>
/// <param name="X">Its value (canonical text; numeric for numeric axes).</param>
/// <param name="Series">The other non-seed axes' values, <c>k=v</c> joined by spaces, or <c>all</c> when there are none.</param>
/// <param name="Metric">The result column.</param>
/// <param name="Count">Runs summarized (done runs with a value).</param>
/// <param name="Mean">Mean over those runs.</param>
/// <param name="Std">Sample standard deviation (0 for one run) — e.g. the spread across seeds.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record AxisPoint(string Axis, string X, string Series, string Metric, int Count, double Mean, double Std, double Min, double Max);
