using Collapse.Theory.Claims;

namespace Collapse.LeSde.Claims;

/// <summary>The registry entries of the locally-elastic SDE claims (Zhang, Wang, Su 2021; Kothapalli 2023 §3.2).</summary>
public static class LeSdeClaims
{
    /// <summary>Every LE-SDE claim (for the claim registry).</summary>
    public static IReadOnlyList<IClaim> All() => [new SeparationPhaseClaim(), new LeSdeEtfClaim()];
}
