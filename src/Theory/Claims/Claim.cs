namespace Collapse.Theory.Claims;

/// <summary>
/// Base of every claim (Theory, UFM, deep): the declaration <see cref="Info"/> and one parameter path. The check
/// resolves the context against the declaration (<see cref="Resolve"/>: unknown, unparsable or out-of-range values
/// and the claim's own cross-parameter rules from <see cref="Validate"/> are <see cref="InputException"/>s) and then
/// runs <see cref="Run"/> with the typed parameters. A claim file is one subclass plus its test:
/// <code>
/// public sealed class MyClaim : TheoryClaim
/// {
///     public override ClaimInfo Info { get; } = new("my-claim", ClaimKind.Inequality)
///     {
///         Title = "…", Statement = "…", Source = "…", References = ["mohri2018"],
///         Parameters = [ClaimParameter.Int("maxClasses", 20, "largest K drawn", min: 2, max: 1000)],
///         Falsifiers = [Falsifier.Of("bound-halved", "the bound halved", ("factor", "0.5"))],
///     };
///     protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => RunCases(p, context, 0, seed => …);
/// }
/// </code>
/// </summary>
public abstract class Claim : IClaim
{
    /// <inheritdoc />
    public abstract ClaimInfo Info { get; }

    /// <inheritdoc />
    public ClaimEvidence CheckWithEvidence(ClaimContext context) => Run(Resolve(context), context);

    /// <summary>
    /// The parameters this check runs with: <see cref="ClaimParameters.Resolve(ClaimInfo, ClaimContext)"/> followed
    /// by <see cref="Validate"/>. Throws <see cref="InputException"/> for bad user input.
    /// </summary>
    public ClaimParameters Resolve(ClaimContext context)
    {
        var parameters = ClaimParameters.Resolve(Info, context);
        Validate(parameters);
        return parameters;
    }

    /// <summary>
    /// Cross-parameter rules beyond the declared ranges (e.g. featureDim ≤ inDim), checked before the run; throw an
    /// <see cref="InputException"/> (<see cref="ClaimParameters.Require"/>) on a violation. Default: none.
    /// </summary>
    protected virtual void Validate(ClaimParameters parameters) { }

    /// <summary>The check proper, with resolved parameters. A result converts implicitly to <see cref="ClaimEvidence"/>.</summary>
    protected abstract ClaimEvidence Run(ClaimParameters parameters, ClaimContext context);

    /// <summary>A result that could not be evaluated (a precondition not met, an instance that cannot be certified).</summary>
    protected ClaimResult Inconclusive(IReadOnlyDictionary<string, string> parameters, int seed, string why) =>
        new(Info.Id, parameters, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive, seed, why);

    /// <summary>The claim id.</summary>
    public override string ToString() => Info.Id;
}
