using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Claims catalogue A3 (negative half): NC1 is not invariant under general invertible maps.</summary>
public sealed class Nc1GeneralLinearClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "nc1-not-invariant-under-linear-maps";
    /// <inheritdoc />
    public override string Title => "NC1 changes under a generic invertible linear map of the features";
    /// <inheritdoc />
    public override string Source => "Claims catalogue A3 (derived: (AΣ_BAᵀ)⁺ ≠ A⁻ᵀΣ_B⁺A⁻¹ when Σ_B is singular)";
    /// <inheritdoc />
    public override string Statement =>
        "With d ≥ K (Σ_B singular) and within-class noise, a random Gaussian A changes nc1 by a relative amount ≥ minChange " +
        "(it would not if NC1 were invariant under GL(d)). Measured: minChange; expected: the relative change.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 7), ("minChange", 1e-6));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var minChange = context.GetDouble(this, "minChange");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 0, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK, maxPerClass: 8);
            if (s.D < s.K) return CaseOutcome.Skip("d < K (Σ_B may be invertible on the span)");
            var a = RandomOrthogonal.Gaussian(s.D, s.D, rng);
            var x2 = new double[s.X.Length];
            for (var i = 0; i < s.N; i++)
                for (var r = 0; r < s.D; r++)
                {
                    var v = 0.0;
                    for (var c = 0; c < s.D; c++) v += a[r, c] * s.X[i * s.D + c];
                    x2[i * s.D + r] = v;
                }
            var n1 = NcMetrics.Compute(s.X, s.Y, s.K, s.D).Nc1!.Value;
            var n2 = NcMetrics.Compute(x2, s.Y, s.K, s.D).Nc1!.Value;
            if (!(n1 > 1e-12)) return CaseOutcome.Skip("no within-class scatter (one sample per class)");
            var change = Math.Abs(n1 - n2) / Math.Max(n1, n2);
            return CaseOutcome.AtMost(minChange, change, $"{s}: nc1 {CaseOutcome.F(n1)} → {CaseOutcome.F(n2)} under a Gaussian A");
        });
    }
}
