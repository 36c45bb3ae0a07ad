namespace Collapse.Theory.Claims;

/// <summary>
/// Optional extension of <see cref="IClaim"/> for claims that have curves or a falsifying instance to show.
/// The report calls <see cref="CheckWithEvidence"/> instead of <see cref="IClaim.Check"/> when a claim implements
/// it; <c>Check(c)</c> must return the same result as <c>CheckWithEvidence(c).Result</c>.
/// </summary>
public interface IClaimWithEvidence : IClaim
{
    /// <summary>Runs the check and returns its result with plots and the falsifying instance (if any).</summary>
    ClaimEvidence CheckWithEvidence(ClaimContext context);
}
