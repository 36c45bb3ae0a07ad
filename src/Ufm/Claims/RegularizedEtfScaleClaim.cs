using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Regularized CE UFM (Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021, NeurIPS): with balanced classes and λ_W, λ_H &gt; 0 every
/// global minimiser is a simplex ETF with h_i = c·w_{y_i}, c = √(λ_W/(nλ_H)); the closed-form scale
/// ‖w_k‖² = t* = ((K−1)/(cK))·log(c/λ_W − (K−1)) when K√(nλ_Wλ_H) &lt; 1 (otherwise W = H = 0) is derived in docs/ufm.md.
/// The check measures the whole structure at the end of GD: the scale, the ETF Gram error of W and of the centred
/// means, h = c·w and nc1, each against a tolerance set from the rounding measured over seeds.
/// </summary>
public sealed class RegularizedEtfScaleClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-regularized-etf-scale", ClaimKind.Asymptotic)
    {
        Title = "Regularized CE UFM: GD reaches the ETF global minimiser h = c·w with the closed-form scale",
        Statement =
            "Joint mode, CE, balanced n per class, λ_W, λ_H > 0 (objective (1/N)Σℓ + λ_W/2‖W‖² + λ_H/2‖H‖²), K√(nλ_Wλ_H) < 1: at the end of GD "
            + "(1) ‖W‖_F and ‖H‖_F are within scaleTolerance (relative) of √(K t*) and √(N c² t*), t* = ((K−1)/(cK))·log(c/λ_W − (K−1)), c = √(λ_W/(nλ_H)); "
            + "(2) the ETF Gram errors ‖G/‖G‖ − (I − 11ᵀ/K)/√(K−1)‖_F of the rows of W and of the centred class means are ≤ gramTolerance; "
            + "(3) max_i ‖h_i − c·w_{y_i}‖/‖c·w_{y_i}‖ ≤ dualityTolerance; (4) nc1 ≤ nc1Tolerance. "
            + "Beyond the threshold (K√(nλ_Wλ_H) ≥ 1) the minimiser is W = H = 0 and both norms must end ≤ zeroTolerance. "
            + "The default tolerances are ≥ 3× the worst rounding measured over 20 seeds (docs/ufm.md).",
        Source = "Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021 (NeurIPS), \"A geometric analysis of neural collapse with unconstrained features\": every global minimiser of the regularized UFM is "
            + "a simplex ETF with h = c·w; the closed-form scale t* is derived in docs/ufm.md (and checked against L-BFGS)",
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
            ClaimParameter.Real("scaleTolerance", 1e-13, "largest relative error of ‖W‖_F and ‖H‖_F against the closed form", min: 0),
            ClaimParameter.Real("gramTolerance", 1e-13, "largest ETF Gram error of the rows of W and of the centred class means", min: 0),
            ClaimParameter.Real("dualityTolerance", 1e-13, "largest max_i ‖h_i − c·w_{y_i}‖/‖c·w_{y_i}‖", min: 0),
            ClaimParameter.Real("nc1Tolerance", 1e-26, "largest final nc1", min: 0),
            ClaimParameter.Real("zeroTolerance", 1e-8, "beyond the threshold K√(nλ_Wλ_H) ≥ 1: largest final ‖W‖_F and ‖H‖_F", min: 0),
            ClaimParameter.Real("samplePower", 1, "the closed form with c = √(λ_W/(n^samplePower·λ_H)): 1 = the statement; 0 drops the n (deliberately false variant, falsifier)"),
            ClaimParameter.Text("logConstant", "K-1", "the constant subtracted inside t*'s logarithm: K-1 = the statement; K is a deliberately false constant (falsifier)", "K-1", "K"),
            ClaimParameter.Int("featureShift", 0, "h_i is compared with c·w of class (y_i + featureShift) mod K: 0 = the statement; 1 pairs each feature with another class's classifier "
                + "(falsifier)", min: 0, max: 1),
            ClaimParameter.Text("targetCosine", "-1/(K-1)", "the off-diagonal cosine of the target Gram matrix: -1/(K-1) = the simplex ETF (the statement); -1/K is a deliberately false target "
                + "(falsifier)", "-1/(K-1)", "-1/K"),
        ],
        Falsifiers =
        [
            Falsifier.Of("n-dropped-from-c", "the closed-form scale with c = √(λ_W/λ_H) instead of √(λ_W/(nλ_H))", ("samplePower", "0")),
            Falsifier.Of("log-constant-k", "t* = ((K−1)/(cK))·log(c/λ_W − K): the optimum scaled off the closed form by a false constant (K instead of K−1)", ("logConstant", "K")),
            Falsifier.Of("features-on-the-next-class", "h_i compared with c·w of the next class (y_i + 1 mod K) instead of its own", ("featureShift", "1")),
            Falsifier.Of("gram-target-minus-one-over-k", "the Gram matrices compared with the cosine −1/K instead of the simplex ETF's −1/(K−1)", ("targetCosine", "-1/K")),
        ],
    };

    /// <summary>Closed-form ‖W‖_F and ‖H‖_F of the global minimiser (0 and 0 beyond the threshold), t* and c.</summary>
    /// <remarks>
    /// <paramref name="samplePower"/> ≠ 1 uses c = √(λ_W/(n^samplePower·λ_H)) and <paramref name="logOffset"/> ≠ 0 subtracts
    /// K − 1 + logOffset inside the logarithm: deliberately false closed forms (falsifiers).
    /// </remarks>
    public static (double NormW, double NormH, double TStar) ClosedForm(int classes, int perClass, double lambdaW, double lambdaH, double samplePower = 1,
        int logOffset = 0)
    {
        int k = classes, n = perClass;
        if (k * Math.Sqrt(n * lambdaW * lambdaH) >= 1) return (0, 0, 0);
        var c = Scale(perClass, lambdaW, lambdaH, samplePower);
        var t = (k - 1.0) / (c * k) * Math.Log(c / lambdaW - (k - 1 + logOffset));
        return (Math.Sqrt(k * t), Math.Sqrt((double)k * n * c * c * t), t);
    }

    /// <summary>The feature-to-classifier ratio c = √(λ_W/(nλ_H)) of the minimiser (with n^samplePower: a falsifier).</summary>
    public static double Scale(int perClass, double lambdaW, double lambdaH, double samplePower = 1) =>
        samplePower == 1 ? Math.Sqrt(lambdaW / (perClass * lambdaH)) : Math.Sqrt(lambdaW / (Math.Pow(perClass, samplePower) * lambdaH));

    private static UfmConfig Config(ClaimParameters p, int seed) => new()
    {
        Mode = UfmMode.Joint,
        Classes = p.Int("classes"),
        Dim = p.Int("dim"),
        PerClass = p.Int("perClass"),
        LambdaW = p.Real("lambdaW"),
        LambdaH = p.Real("lambdaH"),
        Steps = p.Int("steps"),
        InitScale = p.Real("initScale"),
        Seed = seed,
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) =>
        EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p);

    /// <summary>Evaluates the claim on a finished regularized joint-mode run with the default tolerances (or <paramref name="p"/>).</summary>
    public ClaimResult Evaluate(UfmResult r, ClaimParameters? p = null) => Assess(r, p ?? Defaults(), p is null ? RunParameters(r) : p.AsStrings()).Result;

    private ClaimParameters Defaults() => ClaimParameters.Resolve(Info, ClaimContext.Default);

    /// <summary>
    /// Evaluates the claim on a finished regularized joint-mode run (the verdict of <see cref="Evaluate"/>) and attaches
    /// the NC metrics vs step, ‖W‖_F and ‖H‖_F against the closed-form scale, and their relative errors against the tolerance.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, ClaimParameters p)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(p);
        var (result, applies, violations) = Assess(r, p, p.AsStrings());
        var rows = r.Trajectory;
        var c = r.Config;
        var scaleTolerance = p.Real("scaleTolerance");
        var plots = new List<PlotSpec>
        {
            TrajectoryPlots.NcMetrics(rows,
                "With weight decay GD converges to the global minimiser, a simplex ETF: the metrics fall towards 0 (points that reach exactly 0 are not drawn).",
                extra: [("1 − etfGramCosine(W)", x => 1 - x.EtfGramCosine)]),
        };
        if (applies)
        {
            var (w, h, t) = ClosedForm(r.Classes, c.PerClass, c.LambdaW, c.LambdaH, p.Real("samplePower"), LogOffset(p));
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
                    TrajectoryPlots.Level($"scaleTolerance {F(scaleTolerance)}", scaleTolerance, rows),
                ]))
                {
                    Caption = $"The verdict compares the final relative errors with the dashed tolerance (largest share of a tolerance used: {F(result.Measured)}).",
                });
            }
            else
            {
                var zero = p.Real("zeroTolerance");
                plots.Add(new PlotSpec("Norms vs step (the minimiser is W = H = 0)", TrajectoryPlots.StepLabel, "Frobenius norm", true, true, TrajectoryPlots.NonEmpty(
                [
                    TrajectoryPlots.Series("‖W‖_F", rows, x => x.NormW, true, true),
                    TrajectoryPlots.Series("‖H‖_F", rows, x => x.NormH, true, true),
                    TrajectoryPlots.Level($"zeroTolerance {F(zero)}", zero, rows),
                ]))
                {
                    Caption = $"Beyond the threshold K√(nλ_Wλ_H) ≥ 1 both norms must decay below the dashed tolerance (largest final norm {F(Math.Max(r.Final.NormW, r.Final.NormH))}).",
                });
            }
        }
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable(plots),
            FalsifyingInstance = result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], violations) : null,
        };
    }

    private static int LogOffset(ClaimParameters p) => p.Text("logConstant") == "K" ? 1 : 0;

    private (ClaimResult Result, bool Applies, IReadOnlyList<string> Violations) Assess(UfmResult r, ClaimParameters p, IReadOnlyDictionary<string, string> parameters)
    {
        var c = r.Config;
        var seed = c.Seed;
        if (c.Mode != UfmMode.Joint || c.Loss != UfmLoss.CrossEntropy || c.Imbalance != 1 || c.FeaturesPath is not null || !(c.LambdaW > 0 && c.LambdaH > 0))
            return (Inconclusive(parameters, seed, "needs joint mode, CE, balanced classes and λ_W, λ_H > 0"), false, []);
        if (c.Bias && c.LambdaB == 0)
            return (Inconclusive(parameters, seed, "an unregularized bias leaves b = β1 free; use λ_b > 0 or no bias"), false, []);
        var samplePower = p.Real("samplePower");
        var (w, h, t) = ClosedForm(r.Classes, c.PerClass, c.LambdaW, c.LambdaH, samplePower, LogOffset(p));
        var last = r.Final;
        var criteria = new List<Criterion>();
        string detail;
        if (w == 0)
        {
            criteria.Add(Criterion.AtMost("max(‖W‖_F, ‖H‖_F)", Math.Max(last.NormW, last.NormH), p.Real("zeroTolerance")));
            detail = $"K√(nλ_Wλ_H) = {F(r.Classes * Math.Sqrt(c.PerClass * c.LambdaW * c.LambdaH))} ≥ 1: the minimiser is W = H = 0; measured ‖W‖ = {last.NormW:E2}, "
                     + $"‖H‖ = {last.NormH:E2} after {last.Step} steps.";
        }
        else
        {
            int k = r.Classes, d = r.Dim;
            var target = p.Text("targetCosine") == "-1/K" ? -1.0 / k : -1.0 / (k - 1);
            var ew = Math.Abs(last.NormW - w) / w;
            var eh = Math.Abs(last.NormH - h) / h;
            var gramW = FinalGeometry.GramError(r.W, k, d, target);
            var gramM = FinalGeometry.GramError(FinalGeometry.CentredMeans(r), k, d, target);
            var scale = Scale(c.PerClass, c.LambdaW, c.LambdaH, samplePower);
            var duality = FinalGeometry.FeatureClassifierGap(r, scale, p.Int("featureShift"));
            criteria.Add(Criterion.AtMost("scale error", Math.Max(ew, eh), p.Real("scaleTolerance")));
            criteria.Add(Criterion.AtMost("Gram error of W", gramW, p.Real("gramTolerance")));
            criteria.Add(Criterion.AtMost("Gram error of the means", gramM, p.Real("gramTolerance")));
            criteria.Add(Criterion.AtMost("h = c·w error", duality, p.Real("dualityTolerance")));
            criteria.Add(Criterion.AtMost("nc1", last.Nc1, p.Real("nc1Tolerance")));
            detail = $"closed form t* = {t:F6}, c = {scale:G6}: ‖W‖_F = {w:F6}, ‖H‖_F = {h:F6}; measured {last.NormW:F6} ({ew:E2} rel.), {last.NormH:F6} ({eh:E2} rel.) after "
                     + $"{last.Step} steps; Gram error of W {gramW:E2}, of the means {gramM:E2}; h = c·w error {duality:E2}; nc1 {last.Nc1:E2}, nc3 {last.Nc3:E2}, "
                     + $"objective {last.Objective:F10}.";
        }
        var (result, violations) = Criterion.Judge(Info.Id, criteria, parameters, seed, detail);
        return (result, true, violations);
    }
}
