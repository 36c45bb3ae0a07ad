using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Margin growth in the terminal phase: once the data are separated, p_min → ∞ (≈ log t), the normalized margin
/// increases, and the Lyu–Li smoothed normalized margin is non-decreasing (Lyu &amp; Li 2020, ICLR, Thm 4.1 for gradient
/// flow and, for small steps, GD; the CE–margin link of Gao et al. 2023 for p_min → ∞).
/// </summary>
public sealed class MarginGrowthClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-margin-growth", ClaimKind.Asymptotic)
    {
        Title = "After separability p_min grows like log t, the normalized margin rises and the smoothed normalized margin never decreases",
        Statement =
            "Bias-free CE UFM without weight decay (default: joint mode, K=4, d=8, n=10, init 0.1, default step): after the first checkpoint with p_min > 0, "
            + "p_min strictly increases and a fit p_min ≈ α ln t + β has α > 0; the normalized margin at the end exceeds its value at separability; "
            + "after the sum loss N·F drops below log 2, γ̃ = −log(e^{N·F} − 1)/ρ^L (ρ^L = ‖W‖²+‖H‖² joint, ‖W‖ fixed features, ‖H‖ fixed ETF) "
            + "never decreases between checkpoints by more than tolerance·|γ̃|.",
        Source = "Lyu & Li 2020 (ICLR), \"Gradient descent maximizes the margin of homogeneous neural networks\" (smoothed normalized margin); p_min → ∞: the CE–margin link of Gao "
            + "et al. 2023 [reconstructed]",
        References = ["lyu2020", "gao2023"],
        Parameters =
        [
            ClaimParameter.Text("mode", "joint", "UFM mode: joint (W and H trained), fixed-features or fixed-etf", "joint", "fixed-features", "fixed-etf"),
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 8, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 10, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Int("steps", 200000, "GD steps", min: 0),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 0),
            ClaimParameter.Real("tolerance", 1e-09, "largest relative decrease of the Lyu–Li smoothed margin between checkpoints", min: 0),
            ClaimParameter.Text("lossSum", "N·F", "the loss inside γ̃ = −log(e^𝓛 − 1)/ρ^L: N·F, the sum loss (the statement), or F, the mean loss with the factor N dropped (deliberately false "
                + "variant, falsifier)", "N·F", "F"),
            ClaimParameter.Int("degreeOffset", 0, "added to the homogeneity degree L in γ̃ = −log(e^{N·F} − 1)/ρ^L: 0 = the statement; 2 overstates the degree (deliberately false variant, "
                + "falsifier)", min: 0, max: 4),
        ],
        Falsifiers =
        [
            Falsifier.Of("homogeneity-degree-plus-two", "the smoothed margin normalized by ρ^(L+2) instead of ρ^L (a homogeneity degree too large by two)", ("degreeOffset", "2")),
        ],
    };

    private static UfmConfig Config(ClaimParameters p, int seed) => new()
    {
        Mode = p.Text("mode") switch { "fixed-features" => UfmMode.FixedFeatures, "fixed-etf" => UfmMode.FixedEtf, _ => UfmMode.Joint },
        Classes = p.Int("classes"),
        Dim = p.Int("dim"),
        PerClass = p.Int("perClass"),
        Steps = p.Int("steps"),
        InitScale = p.Real("initScale"),
        Seed = seed,
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p);

    /// <summary>Evaluates the claim on a finished trajectory with the default tolerance (or <paramref name="p"/>).</summary>
    public ClaimResult Evaluate(UfmResult r, ClaimParameters? p = null) =>
        Assess(r, p ?? ClaimParameters.Resolve(Info, ClaimContext.Default), p is null ? RunParameters(r) : p.AsStrings()).Result;

    /// <summary>The sample count inside γ̃'s sum loss: N (the statement) or 1 (the falsifier that drops N).</summary>
    private static int LossSamples(ClaimParameters p, int n) => p.Text("lossSum") == "F" ? 1 : n;

    /// <summary>
    /// Evaluates the claim on a finished trajectory (the verdict of <see cref="Evaluate"/>) and attaches p_min and
    /// −log F with the fitted α ln t + β, the normalized margin with the Lyu–Li γ̃, and the loss, with the parameters
    /// <paramref name="p"/> (the defaults when null; their falsifier variants change γ̃'s formula).
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, ClaimParameters? p = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var parameters = p?.AsStrings() ?? RunParameters(r);
        p ??= ClaimParameters.Resolve(Info, ClaimContext.Default);
        var tolerance = p.Real("tolerance");
        var degreeOffset = p.Int("degreeOffset");
        var a = Assess(r, p, parameters);
        var rows = r.Trajectory;
        var c = r.Config;
        var n = r.Labels.Length;
        var markers = new List<PlotMarker>(TrajectoryPlots.SeparabilityMarker(rows));
        if (a.Threshold >= 0 && rows[a.Threshold].Step > 0) markers.Add(new PlotMarker(rows[a.Threshold].Step, $"N·F < log 2 at t={rows[a.Threshold].Step}"));

        var marginValues = rows.Where(x => x.Step > 0).Select(x => x.MinMargin).Concat(rows.Where(x => x.Step > 0).Select(x => -x.LogLoss));
        var logMargin = TrajectoryPlots.LogScaleFits(marginValues);
        var marginSeries = new List<PlotSeries>
        {
            TrajectoryPlots.Series("p_min", rows, x => x.MinMargin, true, logMargin),
            TrajectoryPlots.Series("−log F", rows, x => -x.LogLoss, true, logMargin),
        };
        var marginCaption = "After separability p_min should rise at every checkpoint and grow like log t";
        if (a.Fit is { } fit)
        {
            marginSeries.Add(TrajectoryPlots.LogFit(fit, rows, a.Threshold, logMargin));
            marginCaption += $" (dashed fit from t={rows[a.Threshold].Step}: α = {F(fit.A)} > 0 required, β = {F(fit.C)}, R² = {fit.R2:F4})";
        }
        marginCaption += "; −log F stays below p_min + log N and tracks it, since the samples at the minimum margin dominate F.";
        var marginPlot = new PlotSpec("Minimum margin p_min and log-loss vs step", TrajectoryPlots.StepLabel, "margin", true, logMargin,
            TrajectoryPlots.NonEmpty(marginSeries))
        { Markers = markers, Caption = marginCaption };

        Func<TrajectoryRow, double> normalized = c.Mode == UfmMode.Joint ? x => x.UfmNormalizedMargin : x => x.NormalizedMargin;
        var normalizedName = c.Mode == UfmMode.Joint ? "p_min / (½(‖W‖² + ‖H‖²))" : "p_min / (‖W‖ max‖h_i‖)";
        var from = Math.Max(a.Threshold, 0);
        var lossSamples = LossSamples(p, n);
        Func<TrajectoryRow, double> lyuLi = x => SmoothedMargin.LyuLi(x, c.Mode, lossSamples, c.Bias, degreeOffset);
        var normValues = rows.Where(x => x.Step > 0).Select(normalized).Concat(a.Threshold >= 0 ? rows.Skip(from).Select(lyuLi) : []);
        var logNorm = TrajectoryPlots.LogScaleFits(normValues);
        var normSeries = new List<PlotSeries> { TrajectoryPlots.Series(normalizedName, rows, normalized, true, logNorm) };
        if (a.Threshold >= 0) normSeries.Add(TrajectoryPlots.Series("Lyu–Li γ̃ (after N·F < log 2)", rows, lyuLi, true, logNorm, from));
        var normPlot = new PlotSpec("Normalized margins vs step", TrajectoryPlots.StepLabel, "normalized margin", true, logNorm, TrajectoryPlots.NonEmpty(normSeries))
        {
            Markers = markers,
            Caption = double.IsFinite(a.Result.Measured)
                ? $"The Lyu–Li smoothed margin γ̃ must never decrease once N·F < log 2 (largest relative drop {F(a.WorstDrop)}, tolerance {F(tolerance)}); "
                  + $"the normalized margin must end above its value at separability ({F(a.NormStart)} → {F(a.NormEnd)})."
                : "The Lyu–Li smoothed margin γ̃ should never decrease once N·F < log 2, and the normalized margin should rise after separability.",
        };
        var lossPlot = TrajectoryPlots.Loss(rows, "Once the data are separated the cross-entropy falls like 1/t (slope −1 on log–log axes): the margins grow like −log F.");
        return new ClaimEvidence(a.Result)
        {
            Plots = TrajectoryPlots.Drawable([marginPlot, normPlot, lossPlot]),
            FalsifyingInstance = a.Result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], a.Violations) : null,
        };
    }

    private sealed record Assessment(ClaimResult Result, int Threshold = -1, RateFit? Fit = null, double NormStart = double.NaN, double NormEnd = double.NaN,
        double WorstDrop = double.NaN)
    {
        public IReadOnlyList<string> Violations { get; init; } = [];
    }

    private Assessment Assess(UfmResult r, ClaimParameters p, IReadOnlyDictionary<string, string> parameters)
    {
        var seed = r.Config.Seed;
        var c = r.Config;
        if (c.Loss != UfmLoss.CrossEntropy || c.Bias || c.LambdaW > 0 || c.LambdaH > 0)
            return new(Inconclusive(parameters, seed, "needs CE, no bias (homogeneous logits) and no weight decay"));
        var tolerance = p.Real("tolerance");
        var degreeOffset = p.Int("degreeOffset");
        var rows = r.Trajectory;
        var n = r.Labels.Length;
        var lossSamples = LossSamples(p, n);
        var sep = TrajectoryView.FirstSeparable(rows);
        var thr = -1;
        for (var i = 0; i < rows.Count; i++) if (SmoothedMargin.BelowThreshold(rows[i], n)) { thr = i; break; }
        if (sep < 0 || thr < 0 || rows.Count - thr < 3)
            return new(Inconclusive(parameters, seed, "the run did not get far enough past separability (p_min > 0 and N·F < log 2)"), thr);
        var pminRises = TrajectoryView.NonDecreases(rows, sep, x => -x.MinMargin);
        var tail = rows.Skip(thr).ToList();
        var fit = RateFit.Log(tail.Select(x => x.Step).ToList(), tail.Select(x => x.MinMargin).ToList());
        Func<TrajectoryRow, double> normalized = c.Mode == UfmMode.Joint ? x => x.UfmNormalizedMargin : x => x.NormalizedMargin;
        var normStart = normalized(rows[sep]);
        var normEnd = normalized(rows[^1]);
        var worstDrop = 0.0;
        long worstAt = -1;
        for (var i = thr + 1; i < rows.Count; i++)
        {
            var prev = SmoothedMargin.LyuLi(rows[i - 1], c.Mode, lossSamples, c.Bias, degreeOffset);
            var now = SmoothedMargin.LyuLi(rows[i], c.Mode, lossSamples, c.Bias, degreeOffset);
            var drop = (prev - now) / Math.Abs(prev);
            if (!(drop <= worstDrop)) { worstDrop = drop; worstAt = rows[i].Step; }
        }
        var gFirst = SmoothedMargin.LyuLi(rows[thr], c.Mode, lossSamples, c.Bias, degreeOffset);
        var gLast = SmoothedMargin.LyuLi(rows[^1], c.Mode, lossSamples, c.Bias, degreeOffset);
        var criteria = new List<Criterion>
        {
            Criterion.Holds("p_min strictly increasing after separability", pminRises == 0,
                $"did not increase at {pminRises} checkpoint pairs after separability (t={rows[sep].Step}); first: {FirstRise(rows, sep, x => -x.MinMargin)} (values are −p_min)"),
            Criterion.Holds("slope α of p_min ≈ α ln t + β positive", fit.A > 0, $"α = {Criterion.Num(fit.A)} from t={rows[thr].Step}"),
            Criterion.Holds("normalized margin rises", normEnd > normStart,
                $"{Criterion.Num(normEnd)} at the end (t={rows[^1].Step}) ≤ {Criterion.Num(normStart)} at separability (t={rows[sep].Step})"),
            Criterion.AtMost(worstAt >= 0 ? $"largest relative decrease of the Lyu–Li γ̃ (at t={worstAt})" : "largest relative decrease of the Lyu–Li γ̃ (none)", worstDrop, tolerance),
        };
        var detail =
            $"separable from t={rows[sep].Step}; p_min {F(rows[sep].MinMargin)} → {F(rows[^1].MinMargin)} ({(pminRises == 0 ? "strictly increasing" : $"{pminRises} non-increases")}), "
            + $"fit p_min ≈ α ln t + β from t={rows[thr].Step}: α={F(fit.A)}, β={F(fit.C)}, R²={fit.R2:F4}; normalized margin {F(normStart)} → {F(normEnd)}; "
            + $"Lyu–Li γ̃ {F(gFirst)} (t={rows[thr].Step}, N·F < log 2) → {F(gLast)}, largest relative decrease {worstDrop:E2}"
            + (worstAt >= 0 ? $" at t={worstAt}" : "") + ".";
        var (result, violations) = Criterion.Judge(Info.Id, criteria, parameters, seed, detail);
        return new(result, thr, fit, normStart, normEnd, worstDrop) { Violations = violations };
    }
}
