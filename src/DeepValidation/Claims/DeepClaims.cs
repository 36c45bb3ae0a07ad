using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>The registry entries of the deep-validation claims (all <see cref="ClaimKind.Empirical"/>: the report's full profile only).</summary>
public static class DeepClaims
{
    /// <summary>Every deep claim (for the claim registry).</summary>
    public static IReadOnlyList<IClaim> All() =>
    [
        new Nc1DecreasesClaim(), new MarginGrowthClaim(), new TptTestGainClaim(), new PermutationClaim(),
        new TestCollapseClaim("mnist-subset", "mnist"),
        // Fashion reaches 100% train accuracy only at the first lr drop of the default recipe; its own recipe leaves a terminal phase
        // in which the train nc1 falls 1.74–2.11-fold over seeds 1–10 (docs/deep-validation.md).
        new TestCollapseClaim("fashion-subset", "fashion", epochs: 120, lrMilestones: "60,100", weightDecay: 5e-3),
    ];
}
