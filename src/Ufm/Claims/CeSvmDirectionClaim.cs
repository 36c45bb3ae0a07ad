using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// CE → SVM (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR 19, "The implicit bias of gradient descent on
/// separable data", multiclass case): with fixed separable features (mode b), GD with a fixed
/// step on CE gives W(t) = W_svm·ln t + ρ(t) with ρ bounded and converging, so the direction converges to the SVM's
/// only like 1/ln t.
/// </summary>
public sealed class CeSvmDirectionClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-ce-svm-direction", ClaimKind.Asymptotic)
    {
        Title = "GD on cross-entropy with fixed separable features converges to the multiclass SVM direction (sharp form W = W_svm ln t + ρ)",
        Statement =
            "Mode (b), plain GD with the default fixed step 1/L on CE, separable random features: along the log-spaced checkpoints after separability, "
            + "svmDirectionDistance = ‖W/‖W‖ − W_svm/‖W_svm‖‖_F strictly decreases; svmResidual = ‖W(t) − W_svm ln t‖_F changes by less than "
            + "residualTolerance (relative) over the last decade of steps (ρ(t) settles); the SVM is certified with duality gap below gapTolerance; "
            + "a fit distance ≈ a/ln t + c is reported with a, c, R².",
        Source = "Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018 (JMLR), the multi-class case of the implicit bias of GD on separable data",
        References = ["soudry2018"],
        Parameters =
        [
            ClaimParameter.Int("classes", 5, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 12, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 25, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Real("separation", 1, "separation of the random fixed features", min: 0),
            ClaimParameter.Int("steps", 200000, "GD steps", min: 0),
            ClaimParameter.Real("residualTolerance", 0.05, "largest relative change of the residual ‖W(t) − W_svm ln t‖ over the last decade", min: 0),
            ClaimParameter.Real("gapTolerance", 1e-08, "largest accepted relative duality gap of the reference SVM", min: 0),
            ClaimParameter.Real("svmScale", 1, "the rate constant c in W(t) = c·W_svm ln t + ρ(t): 1 = the statement; 2 is a deliberately false variant (falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("twice-the-svm-rate", "W(t) = 2·W_svm ln t + ρ(t) (twice the SVM rate), whose residual keeps growing", ("svmScale", "2")),
        ],
    };

    /// <summary>The mode-(b) configuration of the check: fixed separable features, plain GD with the default step.</summary>
    public static UfmConfig Config(int classes, int dim, int perClass, double separation, int steps, int seed) => new()
    {
        Mode = UfmMode.FixedFeatures, Classes = classes, Dim = dim, PerClass = perClass, FeatureSeparation = separation,
        Steps = steps, Seed = seed,
    };

    private static UfmConfig Config(ClaimParameters p, int seed) =>
        Config(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("separation"), p.Int("steps"), seed);

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var result = UfmSimulator.Run(Config(p, context.Seed));
        return EvaluateWithEvidence(result, p.Real("residualTolerance"), p.Real("gapTolerance"), p.AsStrings(), p.Real("svmScale"));
    }

    /// <summary>Evaluates the claim on a finished mode-(b) trajectory.</summary>
    public ClaimResult Evaluate(UfmResult r, double residualTolerance = 0.05, double gapTolerance = 1e-8,
        IReadOnlyDictionary<string, string>? parameters = null) => Assess(r, residualTolerance, gapTolerance, parameters, 1).Result;

    /// <summary>
    /// Evaluates the claim on a finished mode-(b) trajectory (the verdict of <see cref="Evaluate"/>) and attaches the
    /// distance to the SVM direction with its fitted a/ln t + c curve, the residual ‖W(t) − W_svm ln t‖_F and the loss.
    /// <paramref name="svmScale"/> ≠ 1 is the false variant W(t) = svmScale·W_svm ln t + ρ(t) (a falsifier).
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, double residualTolerance = 0.05, double gapTolerance = 1e-8,
        IReadOnlyDictionary<string, string>? parameters = null, double svmScale = 1)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = Assess(r, residualTolerance, gapTolerance, parameters, svmScale);
        var rows = r.Trajectory;
        var distance = rows.Skip(Math.Max(a.Separable, 0)).Where(x => x.Step > 0).Select(x => x.SvmDirectionDistance);
        var logY = TrajectoryPlots.LogScaleFits(distance);
        var distanceSeries = new List<PlotSeries> { TrajectoryPlots.Series("svmDirectionDistance", rows, x => x.SvmDirectionDistance, true, logY) };
        var caption = "The distance between W/‖W‖ and W_svm/‖W_svm‖ should fall at every checkpoint after separability";
        if (a.Fit is { } fit)
        {
            distanceSeries.Add(TrajectoryPlots.InverseLogFit(fit, rows, a.Separable, logY));
            caption += $" and follow the dashed fit a/ln t + c (a = {F(fit.A)}, c = {F(fit.C)}, R² = {fit.R2:F4}): convergence in direction only like 1/log t.";
        }
        else caption += ".";
        var distancePlot = new PlotSpec("Distance to the SVM direction", TrajectoryPlots.StepLabel, "‖W/‖W‖ − W_svm/‖W_svm‖‖_F", true, logY,
            TrajectoryPlots.NonEmpty(distanceSeries)) { Markers = TrajectoryPlots.SeparabilityMarker(rows), Caption = caption };
        var residualPlot = new PlotSpec("Residual ρ(t) = W(t) − W_svm ln t", TrajectoryPlots.StepLabel, "‖W(t) − W_svm ln t‖_F", true, false,
            TrajectoryPlots.NonEmpty([TrajectoryPlots.Series("svmResidual", rows, x => Residual(x, r, svmScale), true, false)]))
        {
            Markers = a.DecadeAgo >= 0 ? [new PlotMarker(rows[a.DecadeAgo].Step, "start of the last decade")] : [],
            Caption = double.IsFinite(a.Change)
                ? $"ρ(t) stays bounded while ‖W‖ grows like ln t: over the last decade (from the dotted line) it changed by {a.Change:P2} (tolerance {residualTolerance:P0})."
                : "ρ(t) should stay bounded while ‖W‖ grows like ln t.",
        };
        var lossPlot = TrajectoryPlots.Loss(rows, "Once the data are separated the cross-entropy falls like 1/t (slope −1 on log–log axes) and never reaches 0.");
        return new ClaimEvidence(a.Result)
        {
            Plots = TrajectoryPlots.Drawable([distancePlot, residualPlot, lossPlot]),
            FalsifyingInstance = a.Result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], a.Violations) : null,
        };
    }

    private sealed record Assessment(ClaimResult Result, int Separable = -1, int DecadeAgo = -1, double Change = double.NaN, RateFit? Fit = null)
    {
        public IReadOnlyList<string> Violations { get; init; } = [];
    }

    /// <summary>
    /// ‖W(t) − c·W_svm ln t‖_F of a logged row: the recorded residual for c = 1, otherwise from ‖W‖, the recorded
    /// residual and ‖W_svm‖ (⟨W, W_svm⟩ ln t = (‖W‖² + ln²t ‖W_svm‖² − r₁²)/2).
    /// </summary>
    private static double Residual(Trajectories.TrajectoryRow row, UfmResult r, double c)
    {
        if (c == 1 || r.Svm is null || !(row.Step >= 1)) return row.SvmResidual;
        var lnT = Math.Log(row.Step);
        var s2 = r.Svm.Weights.Sum(v => v * v) * lnT * lnT;
        var w2 = row.NormW * row.NormW;
        var cross = (w2 + s2 - row.SvmResidual * row.SvmResidual) / 2;
        return Math.Sqrt(Math.Max(0, w2 - 2 * c * cross + c * c * s2));
    }

    private Assessment Assess(UfmResult r, double residualTolerance, double gapTolerance, IReadOnlyDictionary<string, string>? parameters, double svmScale)
    {
        parameters ??= RunParameters(r);
        var seed = r.Config.Seed;
        if (r.Config.Mode != UfmMode.FixedFeatures || r.Config.Loss != UfmLoss.CrossEntropy || r.Config.LambdaW > 0 || r.Config.LambdaB > 0)
            return new(Inconclusive(parameters, seed, "needs mode fixed-features, CE and no weight decay"));
        if (r.Svm is null) return new(Inconclusive(parameters, seed, "the fixed features are not linearly separable (no hard-margin SVM)"));
        var rows = r.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0 || rows.Count - sep < 4) return new(Inconclusive(parameters, seed, "GD did not separate the data early enough to follow the direction"), sep);
        var last = rows.Count - 1;
        var decadeAgo = TrajectoryView.Nearest(rows, rows[last].Step / 10.0);
        var rT = Residual(rows[last], r, svmScale);
        var rPrev = Residual(rows[decadeAgo], r, svmScale);
        var change = Math.Abs(rT - rPrev) / rT;
        var nonDecreases = TrajectoryView.NonDecreases(rows, sep, x => x.SvmDirectionDistance);
        var tail = rows.Skip(sep).ToList();
        var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.SvmDirectionDistance).ToList());
        var gap = r.Svm.DualityGap;
        var holds = nonDecreases == 0 && change < residualTolerance && gap < gapTolerance && r.Svm.Certified;
        var i4 = TrajectoryView.Nearest(rows, 1e4);
        var detail =
            $"svmDirectionDistance {F(rows[sep].SvmDirectionDistance)} (t={rows[sep].Step}, separable) → {F(rows[i4].SvmDirectionDistance)} (t={rows[i4].Step}) → "
            + $"{F(rows[last].SvmDirectionDistance)} (t={rows[last].Step}), {(nonDecreases == 0 ? "strictly decreasing at" : $"{nonDecreases} non-decreases among")} "
            + $"{rows.Count - sep} checkpoints; fit ≈ a/ln t + c: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; svmResidual {F(rPrev)} (t={rows[decadeAgo].Step}) → "
            + $"{F(rT)} (t={rows[last].Step}): {change:P2} change over the last decade (tolerance {residualTolerance:P0}) while ‖W‖ {F(rows[decadeAgo].NormW)} → "
            + $"{F(rows[last].NormW)}; SVM duality gap {gap:E2}, max violation {r.Svm.MaxViolation:E2}, certified {r.Svm.Certified}.";
        var violations = new List<string>();
        if (nonDecreases != 0)
            violations.Add($"svmDirectionDistance did not decrease at {nonDecreases} of {rows.Count - sep - 1} consecutive checkpoint pairs after separability (t={rows[sep].Step}); "
                           + $"first: {FirstRise(rows, sep, x => x.SvmDirectionDistance)}");
        if (!(change < residualTolerance))
            violations.Add($"svmResidual changed by {TrajectoryPlots.Num(change)} (relative) over the last decade: {TrajectoryPlots.Num(rPrev)} (t={rows[decadeAgo].Step}) → "
                           + $"{TrajectoryPlots.Num(rT)} (t={rows[last].Step}); required < residualTolerance = {TrajectoryPlots.Num(residualTolerance)}");
        if (!(gap < gapTolerance)) violations.Add($"SVM duality gap {gap:E3}; required < gapTolerance = {gapTolerance:E1}");
        if (!r.Svm.Certified) violations.Add($"the reference SVM is not certified (max violation {r.Svm.MaxViolation:E3})");
        var result = new ClaimResult(Info.Id, parameters, change, 0.0, residualTolerance, holds ? Verdict.Holds : Verdict.Fails, seed, detail);
        return new(result, sep, decadeAgo, change, fit) { Violations = violations };
    }
}
