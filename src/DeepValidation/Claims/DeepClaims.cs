using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>The registry entries of the deep-validation claims (all <see cref="ClaimKind.Empirical"/>: the report's full profile only).</summary>
public static class DeepClaims
{
    /// <summary>Every deep claim (for the claim registry).</summary>
    public static IReadOnlyList<IClaim> All() =>
    [
        new Nc1DecreasesClaim(), new MarginGrowthClaim(), new TptTestGainClaim(), new PermutationClaim(),
        new TestCollapseClaim("mnist-subset", "mnist"), new TestCollapseClaim("fashion-subset", "fashion"),
    ];
}
