using Collapse.Theory.Svm;

namespace Collapse.Theory.Claims.Svm;

/// <summary>The multi-class hard-margin SVM returned by the solver is certified optimal by its own KKT certificate.</summary>
public sealed class SvmCertifiedClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("svm-certified-optimum", ClaimKind.Inequality)
    {
        Title = "The bias-free multi-class hard-margin SVM is solved to a certified optimum",
        Statement =
            "For separable data, min ½‖W‖_F² s.t. (w_{y_i} − w_j)·h_i ≥ 1 is solved with primal W and dual λ such that λ ≥ 0, " +
            "the constraint violation ≤ 1e-9, the relative duality gap ≤ 1e-8 and the stationarity residual ≤ 1e-9; weak " +
            "duality then brackets the optimal margin: p_min(W)/‖W‖ ≤ γ* ≤ 1/√(2D). Measured: the largest of violation/1e-9, " +
            "gap/1e-8, stationarity/1e-9 (≤ 1 ⇔ certified). Informative: the same certificate rejects the solution perturbed by 1e-3 (the check can tell an optimum from a near-optimum on the "
                + "case); tightness: the measured score (≤ 1 holds).",
        Source = "Crammer & Singer 2001 (hard-margin, bias-free); the SVM of Gao et al. 2023's CE–SVM link [reconstructed]; docs/svm.md",
        References = ["crammer2001", "gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 5, "largest number of classes K drawn", min: 2, max: 50),
            ClaimParameter.Real("perturbation", 0, "relative size of a random perturbation of the solver's W before certifying: 0 = the solver's solution (the statement); 1e-3 is "
                + "a falsifier (a non-optimal W must not certify)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("perturbed-solution", "the certificate of W perturbed by 0.1% (not the optimum)", ("perturbation", "1e-3")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var perturbation = p.Real("perturbation");
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var (x, y, k, d, shape) = SvmInstances.Draw(rng, maxK);
            var sol = MulticlassSvm.Solve(x, y, k);
            var c = sol.Certificate;
            if (perturbation > 0)
            {
                var g = Collapse.Theory.Etf.RandomOrthogonal.Gaussian(k, d, rng);
                c = SvmCertificate.Compute(x, y, k, sol.W + perturbation * sol.W.FrobeniusNorm() / g.FrobeniusNorm() * g, sol.Lambda);
            }
            var t = SvmTolerances.Default;
            var score = Math.Max(Math.Max(c.MaxViolation / t.MaxViolation, c.DualityGap / t.DualityGap), c.Stationarity / t.Stationarity);
            if (c.MinLambda < 0) score = double.PositiveInfinity;
            var gp = Collapse.Theory.Etf.RandomOrthogonal.Gaussian(k, d, rng);
            var near = SvmCertificate.Compute(x, y, k, sol.W + 1e-3 * sol.W.FrobeniusNorm() / gp.FrobeniusNorm() * gp, sol.Lambda);
            var nearScore = Math.Max(Math.Max(near.MaxViolation / t.MaxViolation, near.DualityGap / t.DualityGap), near.Stationarity / t.Stationarity);
            return CaseOutcome.AtMost(score, 1, $"{shape}: gap {CaseOutcome.F(c.DualityGap)}, violation {CaseOutcome.F(c.MaxViolation)}, stationarity {CaseOutcome.F(c.Stationarity)}, margin "
                + $"in [{CaseOutcome.F(c.MarginLowerBound)}, {CaseOutcome.F(c.MarginUpperBound)}]")
                with
            { Tightness = score, Informative = nearScore > 1 || near.MinLambda < 0 };
        });
    }
}
