using Collapse.Theory.Loss;
using Collapse.Theory.Margins;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Claims catalogue C1 / paper-notes P1: log(1 + e^{−q}) ≤ ℓ ≤ log(1 + (K−1)e^{−q}) per sample.</summary>
public sealed class CeSandwichClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "ce-margin-sandwich";
    /// <inheritdoc />
    public override string Title => "Per-sample CE is sandwiched by the margin: log(1+e^{−q}) ≤ ℓ ≤ log(1+(K−1)e^{−q})";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 Thm 4.1 (quantitative form, paper-notes P1 [R]); claims catalogue C1";
    /// <inheritdoc />
    public override string Statement =>
        "For logits z, label y, q = z_y − max_{j≠y} z_j: log(1 + e^{−q}) ≤ CE(z, y) ≤ log(1 + (K−1)e^{−q}), compared in the log " +
        "domain (log ℓ from CrossEntropy.LogSample) so that margins up to ~1e3 (ℓ ≈ e^{−1000}) are checked. Measured: the " +
        "largest violation of either side, relative to max(1, |log ℓ|).";
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
        return RunCases(context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: rng.Next(2) == 0);
            var worst = double.NegativeInfinity;
            var where = "";
            for (var i = 0; i < n; i++)
            {
                var zi = z.AsSpan(i * k, k);
                var q = SampleMargin.Of(zi, y[i]);
                var logL = CrossEntropy.LogSample(zi, y[i]);
                var lower = LogSumExp.LogSoftplus(-q);
                var upper = LogSumExp.LogSoftplus(Math.Log(k - 1) - q);
                var e = Math.Max(lower - logL, logL - upper) / Math.Max(1, Math.Abs(logL));
                if (e > worst) { worst = e; where = $"sample {i}: q={CaseOutcome.F(q)}, log ℓ={CaseOutcome.F(logL)} in [{CaseOutcome.F(lower)}, {CaseOutcome.F(upper)}]"; }
            }
            return new CaseOutcome(worst, 0, worst, $"{shape}; {where}");
        });
    }
}
