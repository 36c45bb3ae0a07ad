using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Claims;

/// <summary>
/// CE → SVM (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR 19, "The implicit bias of gradient descent on
/// separable data", multiclass case): with fixed separable features (mode b), GD with a fixed step on CE gives
/// W(t) = W_svm·ln t + ρ(t), so the direction converges to the SVM's only like 1/ln t. What a finite run shows, and
/// what this check states: W(t) grows along W_svm at rate 1 in ln t, its part orthogonal to W_svm grows slower than
/// ln t (ρ = o(ln t)), and the distance to the SVM direction falls at every checkpoint, decaying like a power
/// (ln t)^(−γ). The boundedness of ρ(t) that the paper proves for almost every dataset is not claimed: over
/// 2·10⁵ steps ‖ρ(t)‖ still grows slowly (‖ρ‖ ∝ (ln t)^β with β ≈ 0.15–0.3, reported).
/// </summary>
public sealed class CeSvmDirectionClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-ce-svm-direction", ClaimKind.Asymptotic)
    {
        Title = "GD on cross-entropy with fixed separable features converges to the multiclass SVM direction like 1/ln t, with residual ρ(t) = o(ln t)",
        Statement =
            "Mode (b), plain GD with the default fixed step 1/L on CE, separable random features; the reference W_svm is the certified hard-margin "
            + "multiclass SVM (relative duality gap < gapTolerance). W(t) = W_svm ln t + ρ(t) with ρ(t) = o(ln t), checked over the last fitDecades decades "
            + "of steps: (1) the rate a of ⟨W(t), W_svm⟩/‖W_svm‖²_F ≈ a ln t + c has |a − 1| ≤ rateTolerance; (2) the part of W(t) orthogonal to W_svm "
            + "grows slower than ln t: ‖W⊥(t)‖_F/‖W_svm‖_F ≈ b ln t + c with |b| ≤ orthogonalTolerance; (3) after separability the distance "
            + "d(t) = ‖W/‖W‖_F − W_svm/‖W_svm‖_F‖_F strictly decreases at every logged checkpoint and its fit d ∝ (ln t)^(−γ) has γ ≥ decayExponentMin "
            + "(d = O(1/ln t): the direction converges only like 1/ln t). Not claimed: that ρ(t) is bounded (‖ρ(t)‖ still grows slowly at 2·10⁵ steps; "
            + "its exponent β in ‖ρ‖ ∝ (ln t)^β and a fit d ≈ a/ln t + c are reported). Default thresholds: ≥ 3× headroom over the worst of 10 seeds (docs/ufm.md).",
        Source = "Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018 (JMLR), the multi-class case of the implicit bias of GD on separable data: W(t) = W_svm ln t + ρ(t) with ρ bounded for almost "
            + "every dataset; the finite-horizon form checked here (rates fitted over two decades) is ours",
        References = ["soudry2018"],
        Parameters =
        [
            ClaimParameter.Int("classes", 5, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 12, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 25, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Real("separation", 2, "separation of the random fixed features", min: 0),
            ClaimParameter.Int("steps", 200000, "GD steps", min: 0),
            ClaimParameter.Int("fitDecades", 2, "the rate fits use the checkpoints of the last fitDecades decades of steps (t ≥ steps/10^fitDecades)", min: 1, max: 12),
            ClaimParameter.Real("decayExponentMin", 0.2, "smallest accepted exponent γ of d(t) ∝ (ln t)^(−γ)", min: 0),
            ClaimParameter.Real("rateTolerance", 0.45, "largest accepted |a − 1| for the rate a of ⟨W(t), W_svm⟩/‖W_svm‖² ≈ a ln t + c (the statement: a = 1)", min: 0),
            ClaimParameter.Real("orthogonalTolerance", 0.35, "largest accepted |b| for the slope b of ‖W⊥(t)‖/‖W_svm‖ ≈ b ln t + c (the statement: b = 0, the part orthogonal to W_svm is o(ln "
                + "t))", min: 0),
            ClaimParameter.Real("gapTolerance", 1e-08, "largest accepted relative duality gap of the reference SVM", min: 0),
            ClaimParameter.Real("svmScale", 1, "the rate constant s of the reference W(t) ≈ s·W_svm ln t: 1 = the statement; 3 is a deliberately false rate (falsifier)", min: 1e-300),
            ClaimParameter.Real("svmPerturbation", 0, "the reference direction W_svm + ε‖W_svm‖_F·E (E a random unit matrix, seeded by the run's seed): 0 = the statement; ε > 0 is a "
                + "perturbed, wrong SVM direction (falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("three-times-the-svm-rate", "W(t) measured against 3·W_svm ln t (three times the SVM rate): the rate along the reference is 1/3", ("svmScale", "3")),
            Falsifier.Of("perturbed-svm-direction", "the rates and the distance measured against a perturbed SVM direction W_svm + ‖W_svm‖·E (E a random unit matrix): the orthogonal part "
                + "grows like ln t", ("svmPerturbation", "1")),
        ],
    };

    /// <summary>The mode-(b) configuration of the check: fixed separable features, plain GD with the default step.</summary>
    public static UfmConfig Config(int classes, int dim, int perClass, double separation, int steps, int seed) => new()
    {
        Mode = UfmMode.FixedFeatures,
        Classes = classes,
        Dim = dim,
        PerClass = perClass,
        FeatureSeparation = separation,
        Steps = steps,
        Seed = seed,
    };

    private static UfmConfig Config(ClaimParameters p, int seed) =>
        Config(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("separation"), p.Int("steps"), seed);

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p);

    /// <summary>Evaluates the claim on a finished mode-(b) trajectory with the default thresholds (or <paramref name="p"/>).</summary>
    public ClaimResult Evaluate(UfmResult r, ClaimParameters? p = null) =>
        Assess(r, p ?? ClaimParameters.Resolve(Info, ClaimContext.Default), p is null ? RunParameters(r) : p.AsStrings()).Result;

    /// <summary>
    /// Evaluates the claim on a finished mode-(b) trajectory (the verdict of <see cref="Evaluate"/>) and attaches the
    /// distance to the SVM direction with its fitted a/ln t + c curve, the residual ‖W(t) − W_svm ln t‖_F and the loss.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, ClaimParameters p)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(p);
        var a = Assess(r, p, p.AsStrings());
        var rows = a.Rows ?? r.Trajectory;
        var distance = rows.Skip(Math.Max(a.Separable, 0)).Where(x => x.Step > 0).Select(x => x.SvmDirectionDistance);
        var logY = TrajectoryPlots.LogScaleFits(distance);
        var distanceSeries = new List<PlotSeries> { TrajectoryPlots.Series("svmDirectionDistance", rows, x => x.SvmDirectionDistance, true, logY) };
        var caption = "The distance between W/‖W‖ and W_svm/‖W_svm‖ should fall at every checkpoint after separability";
        if (a.Fit is { } fit)
        {
            distanceSeries.Add(TrajectoryPlots.InverseLogFit(fit, rows, a.Separable, logY));
            caption += $" and follow the dashed fit a/ln t + c (a = {F(fit.A)}, c = {F(fit.C)}, R² = {fit.R2:F4}): convergence in direction only like 1/log t";
        }
        caption += a.Decay is { } g ? $"; over the fit window d ∝ (ln t)^(−γ) with γ = {F(-g.A)}." : ".";
        var distancePlot = new PlotSpec("Distance to the SVM direction", TrajectoryPlots.StepLabel, "‖W/‖W‖ − W_svm/‖W_svm‖‖_F", true, logY,
            TrajectoryPlots.NonEmpty(distanceSeries))
        { Markers = TrajectoryPlots.SeparabilityMarker(rows), Caption = caption };
        var residualPlot = new PlotSpec("Residual ρ(t) = W(t) − W_svm ln t", TrajectoryPlots.StepLabel, "‖W(t) − W_svm ln t‖_F", true, false,
            TrajectoryPlots.NonEmpty([TrajectoryPlots.Series("svmResidual", rows, x => x.SvmResidual, true, false)]))
        {
            Markers = a.WindowStart >= 0 ? [new PlotMarker(rows[a.WindowStart].Step, "start of the fit window")] : [],
            Caption = a.Growth is { } b
                ? $"ρ(t) grows much slower than ‖W‖ ∝ ln t: over the fit window (from the dotted line) ‖ρ(t)‖ ∝ (ln t)^β with β = {F(b.A)} (reported; "
                  + "the verdict uses the rate along W_svm and the orthogonal slope); its boundedness is not claimed."
                : "ρ(t) should grow much slower than ln t.",
        };
        var lossPlot = TrajectoryPlots.Loss(rows, "Once the data are separated the cross-entropy falls like 1/t (slope −1 on log–log axes) and never reaches 0.");
        return new ClaimEvidence(a.Result)
        {
            Plots = TrajectoryPlots.Drawable([distancePlot, residualPlot, lossPlot]),
            FalsifyingInstance = a.Result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], a.Violations) : null,
        };
    }

    private sealed record Assessment(ClaimResult Result, int Separable = -1, int WindowStart = -1, RateFit? Fit = null, RateFit? Decay = null,
        RateFit? Growth = null, IReadOnlyList<TrajectoryRow>? Rows = null)
    {
        public IReadOnlyList<string> Violations { get; init; } = [];
    }

    /// <summary>
    /// The logged rows with svmDirectionDistance and svmResidual measured against the reference s·(W_svm + ε‖W_svm‖·E)
    /// (<paramref name="scale"/> = s, <paramref name="perturbation"/> = ε) from the run's last-layer snapshots; the rows
    /// as recorded for s = 1, ε = 0; null when a modified reference is asked for but no snapshots were recorded.
    /// </summary>
    private static IReadOnlyList<TrajectoryRow>? AgainstReference(UfmResult r, double scale, double perturbation)
    {
        if (scale == 1 && perturbation == 0) return r.Trajectory;
        if (r.Svm is null || r.LayerSnapshots.Count != r.Trajectory.Count) return null;
        var s = Reference(r, scale, perturbation);
        var refNorm = Norm(s);
        var rows = new List<TrajectoryRow>(r.Trajectory.Count);
        for (var j = 0; j < r.Trajectory.Count; j++)
        {
            var w = r.LayerSnapshots[j];
            var row = r.Trajectory[j];
            var wn = Norm(w);
            double dist = 0, res = 0;
            var lnT = row.Step >= 1 ? Math.Log(row.Step) : double.NaN;
            for (var i = 0; i < w.Length; i++)
            {
                var u = w[i] / wn - s[i] / refNorm;
                dist += u * u;
                var v = w[i] - s[i] * lnT;
                res += v * v;
            }
            rows.Add(row with { SvmDirectionDistance = wn > 0 ? Math.Sqrt(dist) : double.NaN, SvmResidual = row.Step >= 1 ? Math.Sqrt(res) : double.NaN });
        }
        return rows;
    }

    /// <summary>The reference s·(W_svm + ε‖W_svm‖_F·E) (E a random unit matrix seeded by the run's seed); W_svm itself for s = 1, ε = 0.</summary>
    private static double[] Reference(UfmResult r, double scale, double perturbation)
    {
        var s = (double[])r.Svm!.Weights.Clone();
        var svmNorm = Norm(s);
        if (perturbation > 0)
        {
            var rng = new Random(unchecked(r.Config.Seed * 7919 + 17));
            var e = new double[s.Length];
            for (var i = 0; i < e.Length; i++) e[i] = Gaussian(rng);
            var en = Norm(e);
            for (var i = 0; i < s.Length; i++) s[i] += perturbation * svmNorm * e[i] / en;
        }
        for (var i = 0; i < s.Length; i++) s[i] *= scale;
        return s;
    }

    /// <summary>
    /// Over the logged rows from <paramref name="start"/>: the rate a, the slope of ⟨W(t), S⟩/‖S‖²_F against ln t, and
    /// the orthogonal slope b, the slope of ‖W(t) − ⟨W(t), S⟩S/‖S‖²‖_F/‖S‖_F against ln t, for the reference S. For
    /// W(t) = W_svm ln t + ρ(t) with ρ = o(ln t) and S = W_svm: a → 1 and b → 0.
    /// </summary>
    private static (RateFit Rate, RateFit Orthogonal) Rates(UfmResult r, IReadOnlyList<TrajectoryRow> rows, int start, double[] s)
    {
        var s2 = 0.0;
        foreach (var v in s) s2 += v * v;
        var sn = Math.Sqrt(s2);
        var x = new List<double>();
        var along = new List<double>();
        var across = new List<double>();
        for (var j = start; j < rows.Count; j++)
        {
            if (rows[j].Step < 2) continue;
            var w = r.LayerSnapshots[j];
            double dot = 0;
            for (var i = 0; i < w.Length; i++) dot += w[i] * s[i];
            var c = dot / s2;
            double o = 0;
            for (var i = 0; i < w.Length; i++) { var e = w[i] - c * s[i]; o += e * e; }
            x.Add(Math.Log(rows[j].Step));
            along.Add(c);
            across.Add(Math.Sqrt(o) / sn);
        }
        return (RateFit.Linear(x, along), RateFit.Linear(x, across));
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (var x in v) s += x * x;
        return Math.Sqrt(s);
    }

    private static double Gaussian(Random rng) => Theory.Numerics.Gaussian.StandardNormal(rng);

    private Assessment Assess(UfmResult r, ClaimParameters p, IReadOnlyDictionary<string, string> parameters)
    {
        var seed = r.Config.Seed;
        if (r.Config.Mode != UfmMode.FixedFeatures || r.Config.Loss != UfmLoss.CrossEntropy || r.Config.LambdaW > 0 || r.Config.LambdaB > 0)
            return new(Inconclusive(parameters, seed, "needs mode fixed-features, CE and no weight decay"));
        if (r.Svm is null) return new(Inconclusive(parameters, seed, "the fixed features are not linearly separable (no hard-margin SVM)"));
        var rows = AgainstReference(r, p.Real("svmScale"), p.Real("svmPerturbation"));
        if (rows is null) return new(Inconclusive(parameters, seed, "the run recorded no last-layer snapshots to measure against a modified reference"));
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0 || rows.Count - sep < 4) return new(Inconclusive(parameters, seed, "GD did not separate the data early enough to follow the direction"), sep);
        var last = rows.Count - 1;
        var windowFrom = rows[last].Step / Math.Pow(10, p.Int("fitDecades"));
        var start = rows.ToList().FindIndex(x => x.Step >= windowFrom);
        if (sep > start)
            return new(Inconclusive(parameters, seed, $"GD separated the data only at t={rows[sep].Step}, inside the fit window t ≥ {F(windowFrom)}: the rates need "
                                                      + $"the whole window after separability (more steps or fewer fitDecades)"), sep);
        if (rows.Count - start < 4) return new(Inconclusive(parameters, seed, $"fewer than 4 checkpoints after separability in the fit window (t ≥ {F(windowFrom)})"), sep);
        var window = rows.Skip(start).ToList();
        var steps = window.Select(x => x.Step).ToList();
        var decay = RateFit.PowerOfLog(steps, window.Select(x => x.SvmDirectionDistance).ToList());
        var growth = RateFit.PowerOfLog(steps, window.Select(x => x.SvmResidual).ToList());
        var tail = rows.Skip(sep).ToList();
        var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.SvmDirectionDistance).ToList());
        var nonDecreases = TrajectoryView.NonDecreases(rows, sep, x => x.SvmDirectionDistance);
        var (rate, across) = Rates(r, rows, start, Reference(r, p.Real("svmScale"), p.Real("svmPerturbation")));
        var gap = r.Svm.DualityGap;
        var criteria = new List<Criterion>
        {
            Criterion.Holds("SVM certified", r.Svm.Certified, $"the reference SVM is not certified (max violation {r.Svm.MaxViolation:E3})"),
            Criterion.AtMost("SVM duality gap", gap, p.Real("gapTolerance")),
            Criterion.Holds("distance strictly decreasing after separability", nonDecreases == 0,
                $"did not decrease at {nonDecreases} of {rows.Count - sep - 1} checkpoint pairs after separability (t={rows[sep].Step}); "
                + $"first: {FirstRise(rows, sep, x => x.SvmDirectionDistance)}"),
            Criterion.AtLeast("decay exponent γ", -decay.A, p.Real("decayExponentMin")),
            Criterion.AtMost("|rate a − 1|", Math.Abs(rate.A - 1), p.Real("rateTolerance")),
            Criterion.AtMost("orthogonal slope |b|", Math.Abs(across.A), p.Real("orthogonalTolerance")),
        };
        var i4 = TrajectoryView.Nearest(rows, 1e4);
        var detail =
            $"svmDirectionDistance {F(rows[sep].SvmDirectionDistance)} (t={rows[sep].Step}, separable) → {F(rows[i4].SvmDirectionDistance)} (t={rows[i4].Step}) → "
            + $"{F(rows[last].SvmDirectionDistance)} (t={rows[last].Step}), {(nonDecreases == 0 ? "strictly decreasing at" : $"{nonDecreases} non-decreases among")} "
            + $"{rows.Count - sep} checkpoints; ⟨W, W_svm⟩/‖W_svm‖² ≈ a ln t + c with a = {F(rate.A)}, orthogonal part ‖W⊥‖/‖W_svm‖ ≈ b ln t + c with b = {F(across.A)}; fit window t ∈ "
                + $"[{rows[start].Step}, {rows[last].Step}] ({window.Count} checkpoints): d ∝ (ln t)^(−γ), γ = {F(-decay.A)} "
            + $"(R² {decay.R2:F4}); ‖ρ(t)‖ = ‖W(t) − W_svm ln t‖ {F(rows[start].SvmResidual)} → {F(rows[last].SvmResidual)} ∝ (ln t)^β, β = {F(growth.A)} (R² {growth.R2:F4}, reported) "
            + $"while ‖W‖ {F(rows[start].NormW)} → {F(rows[last].NormW)}; fit d ≈ a/ln t + c from separability: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; "
            + $"SVM duality gap {gap:E2}, max violation {r.Svm.MaxViolation:E2}.";
        var (result, violations) = Criterion.Judge(Info.Id, criteria, parameters, seed, detail);
        return new(result, sep, start, fit, decay, growth, rows) { Violations = violations };
    }
}
