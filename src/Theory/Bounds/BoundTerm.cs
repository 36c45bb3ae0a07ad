namespace Collapse.Theory.Bounds;

/// <summary>One additive term of a bound (e.g. the complexity term (4K/γ)·𝔑_m).</summary>
/// <param name="Name">camelCase name of the term (e.g. <c>complexity</c>, <c>confidence</c>).</param>
/// <param name="Value">Value of the term.</param>
public sealed record BoundTerm(string Name, double Value);
