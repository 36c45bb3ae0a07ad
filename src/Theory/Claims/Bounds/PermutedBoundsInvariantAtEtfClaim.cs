namespace Collapse.Theory.Claims.Bounds;

/// <summary>
/// At an exact ETF with equal class-pair margins every permuted bound is equal: true by construction (every term sees
/// the same radius γ/(L‖w_k − w_l‖), so a permutation only reorders equal numbers); a guard of the permutation plumbing.
/// </summary>
public sealed class PermutedBoundsInvariantAtEtfClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("permuted-bounds-equal-at-etf", ClaimKind.Definition)
    {
        Title = "At an exact ETF with equal margins the bound cannot distinguish label permutations",
        Statement =
            "W an exact simplex ETF (any scale), γ_kl = γ for all k ≠ l, heterogeneous class supports, counts and complexities: " +
            "the covering bound (paper and expected forms) and the class-pair margin bound take the same value for all K! " +
            "label permutations π (brute force, K ≤ maxClasses ≤ 6). Measured: the largest relative spread max_π − min_π.",
        Source = "[reconstructed] first half of the non-conservative-generalization remark of Gao et al. 2023 (Rem 4.9 in the reviews)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 6, "largest number of classes K drawn (all K! permutations are tried)", min: 2, max: 6),
            ClaimParameter.Text("margins", "equal", "the class-pair margins: equal (the statement) or heterogeneous (the precondition dropped, falsifier)", "equal", "heterogeneous"),
        ],
        Falsifiers =
        [
            Falsifier.Of("heterogeneous-margins", "heterogeneous class-pair margins γ_kl (the equal-margin precondition dropped)", ("margins", "heterogeneous")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var equal = p.Text("margins") == "equal";
        return RunCases(p, context, 1e-12, seed =>
        {
            var inst = PermutedBoundInstance.Draw(new Random(seed), maxK, equalMargins: equal, equalClasses: false);
            var (paper, expected, pair) = inst.Sweeps();
            var spread = Math.Max(PermutedBoundInstance.RelativeSpread(paper),
                Math.Max(PermutedBoundInstance.RelativeSpread(expected), PermutedBoundInstance.RelativeSpread(pair)));
            return CaseOutcome.Equal(spread, 0, $"{inst}: relative spreads paper {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(paper))}, " +
                $"expected {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(expected))}, class-pair {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(pair))} over {pair.Count} permutations");
        });
    }
}
