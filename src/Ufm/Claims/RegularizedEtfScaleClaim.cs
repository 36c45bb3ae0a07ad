using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Regularized CE UFM (Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021, NeurIPS; the closed-form scale is derived here):
/// with balanced classes and λ_W, λ_H &gt; 0 the global minimiser is a simplex ETF with h = c·w, c = √(λ_W/(nλ_H)), and
/// ‖w_k‖² = t* = ((K−1)/(cK))·log(c/λ_W − (K−1)) when K√(nλ_Wλ_H) &lt; 1; otherwise W = H = 0.
/// </summary>
public sealed class RegularizedEtfScaleClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-regularized-etf-scale", ClaimKind.Asymptotic)
    {
        Title = "Regularized CE UFM: GD reaches the ETF global minimiser with the closed-form scale",
        Statement =
            "Joint mode, CE, balanced n per class, λ_W, λ_H > 0 (objective (1/N)Σℓ + λ_W/2‖W‖² + λ_H/2‖H‖²): at the end of GD, ‖W‖_F and ‖H‖_F are within "
            + "tolerance (relative) of √(K t*) and √(N c² t*), and the structure is an ETF (etfGramCosine(W) → 1, nc1 → 0); below the threshold "
            + "K√(nλ_Wλ_H) ≥ 1 both norms are below tolerance (absolute).",
        Source = "Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021 (NeurIPS), \"A geometric analysis of neural collapse with unconstrained features\" (global minimisers are simplex ETFs); "
            + "the closed-form scale t* is derived here and checked against L-BFGS",
        References = ["zhu2021"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 8, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 5, "samples per class n", min: 1, max: 1000000),
            ClaimParameter.Real("lambdaW", 0.005, "weight decay λ_W of W", min: 1e-300),
            ClaimParameter.Real("lambdaH", 0.005, "weight decay λ_H of H", min: 1e-300),
            ClaimParameter.Int("steps", 20000, "GD steps", min: 0),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 0),
            ClaimParameter.Real("tolerance", 0.01, "largest relative error of ‖W‖_F and ‖H‖_F (absolute norm beyond the threshold)", min: 0),
            ClaimParameter.Real("samplePower", 1, "the closed form with c = √(λ_W/(n^samplePower·λ_H)): 1 = the statement; 0 drops the n (deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("n-dropped-from-c", "the closed-form scale with c = √(λ_W/λ_H) instead of √(λ_W/(nλ_H))", ("samplePower", "0")),
        ],
    };

    /// <summary>Closed-form ‖W‖_F and ‖H‖_F of the global minimiser (0 and 0 beyond the threshold).</summary>
    /// <remarks><paramref name="samplePower"/> ≠ 1 uses c = √(λ_W/(n^samplePower·λ_H)): a deliberately false closed form (a falsifier).</remarks>
    public static (double NormW, double NormH, double TStar) ClosedForm(int classes, int perClass, double lambdaW, double lambdaH, double samplePower = 1)
    {
        int k = classes, n = perClass;
        if (k * Math.Sqrt(n * lambdaW * lambdaH) >= 1) return (0, 0, 0);
        var c = samplePower == 1 ? Math.Sqrt(lambdaW / (n * lambdaH)) : Math.Sqrt(lambdaW / (Math.Pow(n, samplePower) * lambdaH));
        var t = (k - 1.0) / (c * k) * Math.Log(c / lambdaW - (k - 1));
        return (Math.Sqrt(k * t), Math.Sqrt((double)k * n * c * c * t), t);
    }

    private static UfmConfig Config(ClaimParameters p, int seed) => new()
    {
        Mode = UfmMode.Joint, Classes = p.Int("classes"), Dim = p.Int("dim"), PerClass = p.Int("perClass"),
        LambdaW = p.Real("lambdaW"), LambdaH = p.Real("lambdaH"), Steps = p.Int("steps"), InitScale = p.Real("initScale"), Seed = seed,
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) =>
        EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p.Real("tolerance"), p.AsStrings(), p.Real("samplePower"));

    /// <summary>Evaluates the claim on a finished regularized joint-mode run.</summary>
    public ClaimResult Evaluate(UfmResult r, double tolerance = 0.01, IReadOnlyDictionary<string, string>? parameters = null) =>
        Assess(r, tolerance, parameters, 1).Result;

    /// <summary>
    /// Evaluates the claim on a finished regularized joint-mode run (the verdict of <see cref="Evaluate"/>) and attaches
    /// the NC metrics vs step, ‖W‖_F and ‖H‖_F against the closed-form scale, and their relative errors against the tolerance.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, double tolerance = 0.01, IReadOnlyDictionary<string, string>? parameters = null,
        double samplePower = 1)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (result, applies, violations) = Assess(r, tolerance, parameters, samplePower);
        var rows = r.Trajectory;
        var c = r.Config;
        var plots = new List<PlotSpec>
        {
            TrajectoryPlots.NcMetrics(rows,
                "With weight decay GD converges to the global minimiser, a simplex ETF: the metrics fall towards 0 (points that reach exactly 0 are not drawn).",
                extra: [("1 − etfGramCosine(W)", x => 1 - x.EtfGramCosine)]),
        };
        if (applies)
        {
            var (w, h, t) = ClosedForm(r.Classes, c.PerClass, c.LambdaW, c.LambdaH, samplePower);
            if (w > 0)
            {
                // λ_W = λ_H gives N c² = K, so both closed-form norms coincide: one dashed line then.
                PlotSeries[] closedForm = Math.Abs(w - h) <= 1e-12 * w
                    ? [TrajectoryPlots.Level($"√(K t*) = √(N c² t*) = {F(w)}", w, rows)]
                    : [TrajectoryPlots.Level($"√(K t*) = {F(w)}", w, rows), TrajectoryPlots.Level($"√(N c² t*) = {F(h)}", h, rows)];
                plots.Add(new PlotSpec("Norms vs the closed-form scale", TrajectoryPlots.StepLabel, "Frobenius norm", true, false, TrajectoryPlots.NonEmpty(
                [
                    TrajectoryPlots.Series("‖W‖_F", rows, x => x.NormW, true, false),
                    TrajectoryPlots.Series("‖H‖_F", rows, x => x.NormH, true, false),
                    .. closedForm,
                ]))
                {
                    Caption = $"‖W‖_F and ‖H‖_F should settle on the dashed closed-form values (t* = {t:F6}; ETF structure: Zhu et al. 2021; t* derived in docs/ufm.md).",
                });
                plots.Add(new PlotSpec("Relative error of the scale vs step", TrajectoryPlots.StepLabel, "relative error", true, true, TrajectoryPlots.NonEmpty(
                [
                    TrajectoryPlots.Series("|‖W‖_F − √(K t*)| / √(K t*)", rows, x => Math.Abs(x.NormW - w) / w, true, true),
                    TrajectoryPlots.Series("|‖H‖_F − √(N c² t*)| / √(N c² t*)", rows, x => Math.Abs(x.NormH - h) / h, true, true),
                    TrajectoryPlots.Level($"tolerance {F(tolerance)}", tolerance, rows),
                ]))
                {
                    Caption = $"The verdict compares the final relative errors (at most {F(result.Measured)}) with the dashed tolerance.",
                });
            }
            else
            {
                plots.Add(new PlotSpec("Norms vs step (the minimiser is W = H = 0)", TrajectoryPlots.StepLabel, "Frobenius norm", true, true, TrajectoryPlots.NonEmpty(
                [
                    TrajectoryPlots.Series("‖W‖_F", rows, x => x.NormW, true, true),
                    TrajectoryPlots.Series("‖H‖_F", rows, x => x.NormH, true, true),
                    TrajectoryPlots.Level($"tolerance {F(tolerance)}", tolerance, rows),
                ]))
                {
                    Caption = $"Beyond the threshold K√(nλ_Wλ_H) ≥ 1 both norms must decay below the dashed tolerance (largest final norm {F(result.Measured)}).",
                });
            }
        }
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable(plots),
            FalsifyingInstance = result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], violations) : null,
        };
    }

    private (ClaimResult Result, bool Applies, IReadOnlyList<string> Violations) Assess(UfmResult r, double tolerance, IReadOnlyDictionary<string, string>? parameters, double samplePower)
    {
        parameters ??= RunParameters(r);
        var c = r.Config;
        var seed = c.Seed;
        if (c.Mode != UfmMode.Joint || c.Loss != UfmLoss.CrossEntropy || c.Imbalance != 1 || c.FeaturesPath is not null || !(c.LambdaW > 0 && c.LambdaH > 0))
            return (Inconclusive(parameters, seed, "needs joint mode, CE, balanced classes and λ_W, λ_H > 0"), false, []);
        if (c.Bias && c.LambdaB == 0)
            return (Inconclusive(parameters, seed, "an unregularized bias leaves b = β1 free; use λ_b > 0 or no bias"), false, []);
        var (w, h, t) = ClosedForm(r.Classes, c.PerClass, c.LambdaW, c.LambdaH, samplePower);
        var last = r.Final;
        double measured;
        string detail;
        var violations = new List<string>();
        if (w == 0)
        {
            measured = Math.Max(last.NormW, last.NormH);
            detail = $"K√(nλ_Wλ_H) = {F(r.Classes * Math.Sqrt(c.PerClass * c.LambdaW * c.LambdaH))} ≥ 1: the minimiser is W = H = 0; measured ‖W‖ = {last.NormW:E2}, ‖H‖ = "
                + $"{last.NormH:E2} after {last.Step} steps.";
            if (!(measured <= tolerance))
                violations.Add($"K√(nλ_Wλ_H) ≥ 1 (minimiser W = H = 0) but max(‖W‖_F, ‖H‖_F) = {measured:E3} at t={last.Step}; "
                    + $"required ≤ tolerance = {TrajectoryPlots.Num(tolerance)}");
        }
        else
        {
            var ew = Math.Abs(last.NormW - w) / w;
            var eh = Math.Abs(last.NormH - h) / h;
            measured = Math.Max(ew, eh);
            detail = $"closed form t* = {t:F6}: ‖W‖_F = {w:F6}, ‖H‖_F = {h:F6}; measured {last.NormW:F6} ({ew:E2} rel.), {last.NormH:F6} ({eh:E2} rel.) after "
                     + $"{last.Step} steps; etfGramCosine(W) {last.EtfGramCosine:F8}, nc1 {last.Nc1:E2}, nc3 {last.Nc3:E2}, objective {last.Objective:F10}.";
            if (!(measured <= tolerance))
                violations.Add($"closed form t* = {t:F8}: ‖W‖_F = {w:F8}, ‖H‖_F = {h:F8}; measured {last.NormW:F8} (rel. error {ew:E3}), {last.NormH:F8} "
                               + $"(rel. error {eh:E3}) at t={last.Step}; required ≤ tolerance = {TrajectoryPlots.Num(tolerance)}");
        }
        return (new ClaimResult(Info.Id, parameters, measured, 0.0, tolerance, measured <= tolerance ? Verdict.Holds : Verdict.Fails, seed, detail), true, violations);
    }
}
