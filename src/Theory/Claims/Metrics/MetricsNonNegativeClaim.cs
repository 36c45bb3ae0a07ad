using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>NC1 (and the other variance metrics) are never negative, even for nearly collapsed float32 features.</summary>
public sealed class MetricsNonNegativeClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc1-nonnegative", ClaimKind.Inequality)
    {
        Title = "NC1, its trace ratio and CDNV are never negative (also for nearly collapsed float32 features)",
        Statement =
            "For any features, (1/K)Tr(Σ_W Σ_B⁺) ≥ 0, Tr Σ_W/Tr Σ_B ≥ 0 and cdnv ≥ 0; checked on generic data and on collapsed " +
            "features plus 1e-7 noise rounded to float32 (where pinv-based code reports negative NC1). Measured: −min of the three.",
        Source = "Derived (Tr(AB) ≥ 0 for PSD A, B); the negative pinv NC1 of public code (GitHub tding1/Neural-Collapse, issue 3)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var nearlyCollapsed = rng.Next(2) == 0;
            var s = LabelledSample.Draw(rng, maxK, spread: 3, noise: nearlyCollapsed ? 0 : ClaimRandom.LogUniform(rng, 0.01, 10));
            var x = nearlyCollapsed ? s.X.Select(v => (double)(float)(v + 1e-7 * ClaimRandom.Normal(rng))).ToArray() : s.X;
            var r = NcMetrics.Compute(x, s.Y, s.K, s.D);
            var min = Math.Min(r.Nc1!.Value, Math.Min(r.Nc1TraceRatio, r.Cdnv));
            return CaseOutcome.AtMost(-min, 0, $"{s} {(nearlyCollapsed ? "nearly collapsed float32" : "generic")}: nc1 {CaseOutcome.F(r.Nc1.Value)}, ratio {CaseOutcome.F(r.Nc1TraceRatio)}, cdnv {CaseOutcome.F(r.Cdnv)}");
        });
    }
}
