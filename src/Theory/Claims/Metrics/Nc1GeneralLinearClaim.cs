using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>NC1 is not invariant under general invertible maps of the features.</summary>
public sealed class Nc1GeneralLinearClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc1-not-invariant-under-linear-maps", ClaimKind.Inequality)
    {
        Title = "NC1 changes under a generic invertible linear map of the features",
        Statement =
            "With d ≥ K (Σ_B singular) and within-class noise, a random Gaussian A changes nc1 by a relative amount ≥ minChange " +
            "(it would not if NC1 were invariant under GL(d)). Measured: minChange; expected: the relative change. Informative: " +
            "the change is at least 1000·minChange (far beyond the rounding an invariant map leaves); tightness: minChange / change.",
        Source = "Derived: (AΣ_BAᵀ)⁺ ≠ A⁻ᵀΣ_B⁺A⁻¹ when Σ_B is singular (NC1 of Papyan et al. 2020)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("minChange", 1e-6, "smallest relative change of nc1 that counts as a change", min: 0),
            ClaimParameter.Text("map", "gaussian", "the invertible map A: gaussian, a generic linear map (the statement), or orthogonal, under which NC1 is invariant (deliberately "
                + "false variant, falsifier)", "gaussian", "orthogonal"),
        ],
        Falsifiers =
        [
            Falsifier.Of("orthogonal-map", "an orthogonal A (a rotation, under which NC1 is invariant) instead of a generic linear map", ("map", "orthogonal")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var minChange = p.Real("minChange");
        var orthogonal = p.Text("map") == "orthogonal";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK, maxPerClass: 8);
            if (s.D < s.K) return CaseOutcome.Skip("d < K (Σ_B may be invertible on the span)");
            var a = orthogonal ? RandomOrthogonal.Haar(s.D, rng) : RandomOrthogonal.Gaussian(s.D, s.D, rng);
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
            return CaseOutcome.AtMost(minChange, change, $"{s}: nc1 {CaseOutcome.F(n1)} → {CaseOutcome.F(n2)} under a {(orthogonal ? "orthogonal" : "Gaussian")} A")
                with
            { Tightness = minChange / change, Informative = change >= 1000 * minChange };
        });
    }
}
