using Collapse.Theory.Loss;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Paper-notes P2: with every margin positive, CE strictly decreases as the logits are scaled up.</summary>
public sealed class CeDecreasingInScaleClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "ce-decreases-with-scale";
    /// <inheritdoc />
    public override string Title => "With all margins positive, the CE strictly decreases when the logits are scaled up";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 Thm 4.1 / R1's scaling remark (paper-notes P2, P10 [R])";
    /// <inheritdoc />
    public override string Statement =>
        "If q_i > 0 for all i and 0 < s₁ < s₂ then L̄(s₂·z) < L̄(s₁·z) (each ℓ_i = log(1 + Σ e^{−s(z_y − z_j)}) decreases in s). " +
        "Compared as log L̄ (log domain). Measured: log L̄(s₂); expected: log L̄(s₁).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 20), ("maxSamples", 50));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var maxN = context.GetInt(this, "maxSamples");
        if (maxK < 2 || maxN < 1) throw new InputException("--param maxClasses >= 2 and maxSamples >= 1 required");
        return RunCases(context, 0, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, _, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: true);
            var s1 = ClaimRandom.LogUniform(rng, 1e-3, 10);
            var s2 = s1 * ClaimRandom.LogUniform(rng, 1.001, 100);
            var l1 = CrossEntropy.Evaluate(z.Select(v => v * s1).ToArray(), y, k).LogMean;
            var l2 = CrossEntropy.Evaluate(z.Select(v => v * s2).ToArray(), y, k).LogMean;
            var o = CaseOutcome.AtMost(l2, l1, $"{shape}: log L̄({CaseOutcome.F(s1)}) = {CaseOutcome.F(l1)}, log L̄({CaseOutcome.F(s2)}) = {CaseOutcome.F(l2)}");
            return l2 < l1 ? o : o with { Excess = double.PositiveInfinity }; // strict
        });
    }
}
