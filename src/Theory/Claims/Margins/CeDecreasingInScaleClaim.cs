using Collapse.Theory.Loss;

namespace Collapse.Theory.Claims.Margins;

/// <summary>With every margin positive, CE strictly decreases as the logits are scaled up.</summary>
public sealed class CeDecreasingInScaleClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-decreases-with-scale", ClaimKind.Inequality)
    {
        Title = "With all margins positive, the CE strictly decreases when the logits are scaled up",
        Statement =
            "If q_i > 0 for all i and 0 < s₁ < s₂ then L̄(s₂·z) < L̄(s₁·z) (each ℓ_i = log(1 + Σ e^{−s(z_y − z_j)}) decreases in s). " +
            "Compared as log L̄ (log domain). Measured: log L̄(s₂); expected: log L̄(s₁). Informative: L̄(s₂) ≥ 1e-3·L̄(s₁), the two losses within three orders of magnitude (a near-tie, not a decrease by many orders that any wrong loss would also show); tightness: L̄(s₂)/L̄(s₁) (< 1 holds).",
        Source = "[reconstructed] Gao et al. 2023's CE–margin link and the scaling remark of its ICLR reviewers",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 50, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Text("instances", "separable", "the logits: separable (every margin positive, the statement) or generic (misclassified samples allowed; the precondition dropped, falsifier)", "separable", "generic"),
        ],
        Falsifiers =
        [
            Falsifier.Of("precondition-dropped", "logits with misclassified samples (the precondition q_i > 0 dropped)", ("instances", "generic")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var separable = p.Text("instances") == "separable";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, _, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: separable);
            var s1 = ClaimRandom.LogUniform(rng, 1e-3, 10);
            var s2 = s1 * ClaimRandom.LogUniform(rng, 1.001, 100);
            var l1 = CrossEntropy.Evaluate(z.Select(v => v * s1).ToArray(), y, k).LogMean;
            var l2 = CrossEntropy.Evaluate(z.Select(v => v * s2).ToArray(), y, k).LogMean;
            var o = CaseOutcome.AtMost(l2, l1, $"{shape}: log L̄({CaseOutcome.F(s1)}) = {CaseOutcome.F(l1)}, log L̄({CaseOutcome.F(s2)}) = {CaseOutcome.F(l2)}");
            o = o with { Tightness = Math.Exp(l2 - l1), Informative = l2 - l1 >= -Math.Log(1000) };
            return l2 < l1 ? o : o with { Excess = double.PositiveInfinity }; // strict
        });
    }
}
