using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Monte-Carlo empirical Rademacher complexity of ‖w‖ ≤ B linear scorers ≤ B·max‖h_i‖/√m (Mohri et al. 2018, Thm 5.10).</summary>
public sealed class RademacherLinearBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("rademacher-linear-bound", ClaimKind.Inequality)
    {
        Title = "Empirical Rademacher complexity of norm-bounded linear scorers is at most B·R/√m",
        Statement =
            "For H = {h ↦ ⟨w,h⟩ : ‖w‖ ≤ B} and features h_1..h_m: R̂_S(H) = (B/m)·E_σ‖Σσ_i h_i‖ ≤ boundFactor·B·max_i‖h_i‖/√m " +
            "(boundFactor = 1 is the theorem). Checked with the lower end of a 99.9% Monte-Carlo confidence interval; " +
            "boundFactor = 0.5 is a deliberately false variant.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., Thm 5.10",
        References = ["mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxSamples", 64, "largest number of samples m drawn", min: 1, max: 100000),
            ClaimParameter.Int("maxDim", 16, "largest dimension d drawn", min: 1, max: 10000),
            ClaimParameter.Int("draws", 400, "Monte-Carlo draws of the Rademacher signs", min: 2, max: 1000000),
            ClaimParameter.Real("boundFactor", 1, "factor in front of B·R/√m: 1 = the theorem; 0.5 is a deliberately false variant (falsifier)", min: 0),
            ClaimParameter.Real("mPower", 0.5, "the bound is B·R/m^mPower: 0.5 = the theorem (1/√m); 1 is a deliberately false rate (falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("bound-halved", "the bound B·R/√m halved", ("boundFactor", "0.5")),
            Falsifier.Of("rate-one-over-m", "the rate 1/m instead of 1/√m", ("mPower", "1")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxM = p.Int("maxSamples");
        var maxD = p.Int("maxDim");
        var draws = p.Int("draws");
        var factor = p.Real("boundFactor");
        var mPower = p.Real("mPower");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var d = 1 + rng.Next(maxD);
            var b = ClaimRandom.LogUniform(rng, 0.1, 10);
            var (x, shape) = ClaimRandom.Features(rng, m, d);
            var est = LinearRademacher.MonteCarlo(x, d, b, draws, rng.Next(), confidence: 0.999);
            var bound = factor * LinearRademacher.AnalyticBound(x, d, b) * Math.Pow(m, 0.5 - mPower);
            var o = CaseOutcome.AtMost(est.Lower, bound, $"m={m} d={d} B={CaseOutcome.F(b)} {shape} features, MC {CaseOutcome.F(est.Mean)}±{CaseOutcome.F(est.StandardError)}, "
                + $"bound {CaseOutcome.F(bound)} (ratio {CaseOutcome.F(bound / est.Mean)})");
            // R̂_S ≤ B·max‖h_i‖ holds trivially (|⟨w, h⟩| ≤ B‖h‖): the bound says more exactly when it is below that, i.e. m > 1.
            return o with { Excess = o.Excess / Math.Max(bound, 1e-300), Tightness = est.Mean / bound, Informative = bound < factor * b * LinearRademacher.Radius(x, d) };
        });
    }
}
