namespace Collapse.Theory.Bounds;

/// <summary>
/// Value of a bound evaluated on explicit inputs, with its additive terms. Every bound function in
/// <c>Collapse.Theory.Bounds</c> returns one of these; <see cref="Against"/> turns it into a slack report once the
/// quantity it bounds has been measured.
/// </summary>
/// <param name="Bound">Stable name of the bound (e.g. <c>multiclassMargin</c>).</param>
/// <param name="Source">Paper and theorem the bound instantiates; "[R]" marks a reconstruction.</param>
/// <param name="Value">The bound's value (the sum of <paramref name="Terms"/> unless the bound says otherwise).</param>
/// <param name="Terms">The additive terms, in the order of the formula.</param>
/// <param name="IsProbability">True when the bound bounds a probability or risk, so that values ≥ 1 are vacuous.</param>
public sealed record BoundEvaluation(string Bound, string Source, double Value, IReadOnlyList<BoundTerm> Terms, bool IsProbability)
{
    /// <summary>True iff the bound bounds a probability and its value is ≥ 1 (it says nothing).</summary>
    public bool Vacuous => IsProbability && Value >= 1;

    /// <summary>Value of the term named <paramref name="name"/>; throws if the bound has no such term.</summary>
    public double Term(string name)
    {
        foreach (var t in Terms)
            if (t.Name == name) return t.Value;
        throw new KeyNotFoundException($"bound '{Bound}' has no term '{name}'");
    }

    /// <summary>Compares the bound with the measured quantity it bounds (value, measured, ratio, slack).</summary>
    public SlackReport Against(double measured) => SlackReport.Of(this, measured);

    internal static BoundEvaluation Sum(string bound, string source, bool isProbability, params BoundTerm[] terms)
    {
        var total = 0.0;
        foreach (var t in terms) total += t.Value;
        return new BoundEvaluation(bound, source, total, terms, isProbability);
    }
}
