namespace Collapse.Theory.Claims;

/// <summary>
/// A numerically checkable statement from the literature: its declaration (<see cref="Info"/>) and its check.
/// Implementations live next to the math they check (Theory claims in Theory, UFM claims in Ufm, deep claims in
/// DeepValidation) and derive from <see cref="Claim"/>; the CLI composes the registry. The short members
/// <c>claim.Id</c>, <c>claim.Kind</c>, <c>claim.Check(context)</c>, … come from <see cref="ClaimExtensions"/>.
/// </summary>
public interface IClaim
{
    /// <summary>The claim's declaration: id, kind, statement, source, references, parameters, falsifiers.</summary>
    ClaimInfo Info { get; }

    /// <summary>
    /// Runs the check and returns the structured verdict (the worst case over <see cref="ClaimContext.Cases"/>) with its
    /// evidence (plots, the falsifying instance; empty when there is none).
    /// </summary>
    ClaimEvidence CheckWithEvidence(ClaimContext context);
}
