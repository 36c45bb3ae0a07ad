namespace Collapse.Theory.Claims.Bounds;

/// <summary>Paper-notes P7 (second half): heterogeneous margins and class complexities make the bound depend on π.</summary>
public sealed class PermutedBoundsVaryClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "permuted-bounds-vary";
    /// <inheritdoc />
    public override string Title => "Heterogeneous margins and class complexities make the bound depend on the label permutation";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 (arXiv 2310.08358) Rem 4.9, non-conservative generalization [R: paper-notes P7, second half]";
    /// <inheritdoc />
    public override string Statement =>
        "W an exact simplex ETF, γ_kl heterogeneous, class supports / counts / complexities heterogeneous: for each of the " +
        "covering bound (paper and expected forms) and the class-pair margin bound, (max_π B − min_π B)/max_π B ≥ minSpread " +
        "(brute force over all K! permutations, K ≤ maxClasses ≤ 6). Measured: minSpread; expected: the smallest relative spread found.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 6), ("minSpread", 1e-9));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var minSpread = context.GetDouble(this, "minSpread");
        if (maxK is < 2 or > 6) throw new InputException("--param maxClasses must lie in [2, 6]");
        return RunCases(context, 0, seed =>
        {
            var inst = PermutedBoundInstance.Draw(new Random(seed), maxK, equalMargins: false, equalClasses: false);
            var (paper, expected, pair) = inst.Sweeps();
            var smallest = Math.Min(PermutedBoundInstance.RelativeSpread(paper),
                Math.Min(PermutedBoundInstance.RelativeSpread(expected), PermutedBoundInstance.RelativeSpread(pair)));
            return CaseOutcome.AtMost(minSpread, smallest, $"{inst}: class-pair bound ranges {CaseOutcome.F(pair.Min)}..{CaseOutcome.F(pair.Max)} " +
                $"(best π [{string.Join(",", pair.ArgMin)}], worst π [{string.Join(",", pair.ArgMax)}]); paper covering form {CaseOutcome.F(paper.Min)}..{CaseOutcome.F(paper.Max)}");
        });
    }
}
