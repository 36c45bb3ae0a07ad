namespace Collapse.Sweeps.Specs;

/// <summary>A swept option: the ordered list of values it takes across the grid.</summary>
/// <param name="Key">Flag name without the leading dashes (see <see cref="SweepOption"/>).</param>
/// <param name="Values">The values, in the order they were given or generated.</param>
/// <param name="IsSeed">True for the axis made from the spec's <c>seeds</c> (the replicate axis of the plots).</param>
public sealed record SweepAxis(string Key, IReadOnlyList<SweepValue> Values, bool IsSeed = false);
