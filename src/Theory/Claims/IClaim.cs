namespace Collapse.Theory.Claims;

/// <summary>
/// A numerically checkable statement from the literature. Implementations live next to the math they check
/// (Theory claims in Theory, UFM claims in Ufm, deep claims in DeepValidation); the CLI composes the registry.
/// </summary>
public interface IClaim
{
    /// <summary>Stable id, kebab-case (e.g. <c>etf-gram</c>).</summary>
    string Id { get; }
    /// <summary>Short title.</summary>
    string Title { get; }
    /// <summary>Source: paper and theorem (e.g. "Papyan, Han, Donoho 2020, PNAS, Fig. 6").</summary>
    string Source { get; }
    /// <summary>The exact statement checked, including which reconstruction ([R]) it is where relevant.</summary>
    string Statement { get; }
    /// <summary>Identity, inequality, asymptotic or empirical.</summary>
    ClaimKind Kind { get; }
    /// <summary>Parameters with their defaults (name → value, invariant culture).</summary>
    IReadOnlyDictionary<string, string> DefaultParameters { get; }
    /// <summary>Runs the check and returns the structured verdict (the worst case over <see cref="ClaimContext.Cases"/>).</summary>
    ClaimResult Check(ClaimContext context);
}
