namespace Collapse.Theory.Claims.Bounds;

/// <summary>Heterogeneous margins and class complexities make the bound depend on the label permutation.</summary>
public sealed class PermutedBoundsVaryClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("permuted-bounds-vary", ClaimKind.Inequality)
    {
        Title = "Heterogeneous margins and class complexities make the bound depend on the label permutation",
        Statement =
            "W an exact simplex ETF, γ_kl heterogeneous, class supports / counts / complexities heterogeneous: for each of the " +
            "covering bound (paper and expected forms) and the class-pair margin bound, (max_π B − min_π B)/max_π B ≥ minSpread " +
            "(brute force over all K! permutations, K ≤ maxClasses ≤ 6). Measured: minSpread; expected: the smallest relative spread found. Informative: the smallest spread is at least "
                + "1000·minSpread (far beyond the rounding an invariant bound leaves); tightness: minSpread / the smallest spread.",
        Source = "[reconstructed] second half of the non-conservative-generalization remark of Gao et al. 2023 (Rem 4.9 in the reviews)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 6, "largest number of classes K drawn (all K! permutations are tried)", min: 2, max: 6),
            ClaimParameter.Real("minSpread", 1e-9, "smallest relative spread max_π B − min_π B that counts as a dependence", min: 0),
            ClaimParameter.Text("margins", "heterogeneous", "the class-pair margins: heterogeneous (the statement) or equal, where every permutation gives the same bound (broken "
                + "input, falsifier)", "heterogeneous", "equal"),
        ],
        Falsifiers =
        [
            Falsifier.Of("equal-margins", "equal class-pair margins (the exact-ETF case, where the bound cannot depend on π)", ("margins", "equal")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var minSpread = p.Real("minSpread");
        var equal = p.Text("margins") == "equal";
        return RunCases(p, context, 0, seed =>
        {
            var inst = PermutedBoundInstance.Draw(new Random(seed), maxK, equalMargins: equal, equalClasses: false);
            var (paper, expected, pair) = inst.Sweeps();
            var smallest = Math.Min(PermutedBoundInstance.RelativeSpread(paper),
                Math.Min(PermutedBoundInstance.RelativeSpread(expected), PermutedBoundInstance.RelativeSpread(pair)));
            return CaseOutcome.AtMost(minSpread, smallest, $"{inst}: class-pair bound ranges {CaseOutcome.F(pair.Min)}..{CaseOutcome.F(pair.Max)} " +
                $"(best π [{string.Join(",", pair.ArgMin)}], worst π [{string.Join(",", pair.ArgMax)}]); paper covering form {CaseOutcome.F(paper.Min)}..{CaseOutcome.F(paper.Max)}")
                with
            { Tightness = minSpread / smallest, Informative = smallest >= 1000 * minSpread };
        });
    }
}
