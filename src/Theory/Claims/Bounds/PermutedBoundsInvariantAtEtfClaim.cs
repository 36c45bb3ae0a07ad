namespace Collapse.Theory.Claims.Bounds;

/// <summary>Paper-notes P7 (first half): at an exact ETF with equal class-pair margins every permuted bound is equal.</summary>
public sealed class PermutedBoundsInvariantAtEtfClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "permuted-bounds-equal-at-etf";
    /// <inheritdoc />
    public override string Title => "At an exact ETF with equal margins the bound cannot distinguish label permutations";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 (arXiv 2310.08358) Rem 4.9 [R: paper-notes P7, first half]";
    /// <inheritdoc />
    public override string Statement =>
        "W an exact simplex ETF (any scale), γ_kl = γ for all k ≠ l, heterogeneous class supports, counts and complexities: " +
        "the covering bound (paper and expected forms) and the class-pair margin bound take the same value for all K! " +
        "label permutations π (brute force, K ≤ maxClasses ≤ 6). Measured: the largest relative spread max_π − min_π.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 6));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK is < 2 or > 6) throw new InputException("--param maxClasses must lie in [2, 6]");
        return RunCases(context, 1e-12, seed =>
        {
            var inst = PermutedBoundInstance.Draw(new Random(seed), maxK, equalMargins: true, equalClasses: false);
            var (paper, expected, pair) = inst.Sweeps();
            var spread = Math.Max(PermutedBoundInstance.RelativeSpread(paper),
                Math.Max(PermutedBoundInstance.RelativeSpread(expected), PermutedBoundInstance.RelativeSpread(pair)));
            return CaseOutcome.Equal(spread, 0, $"{inst}: relative spreads paper {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(paper))}, " +
                $"expected {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(expected))}, class-pair {CaseOutcome.F(PermutedBoundInstance.RelativeSpread(pair))} over {pair.Count} permutations");
        });
    }
}
