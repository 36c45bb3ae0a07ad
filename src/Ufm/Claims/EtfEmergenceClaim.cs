using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// ETF emergence without weight decay (Ji, Lu, Zhang, Deng, Su 2022, ICLR, "An unconstrained layer-peeled perspective on
/// neural collapse"): GD on the joint bias-free CE UFM from a small random start converges in
/// direction to the min-norm separation problem, whose minimisers are neural-collapse configurations (ETF means,
/// W ∝ M̃). The angles converge only logarithmically.
/// </summary>
public sealed class EtfEmergenceClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-etf-emergence", ClaimKind.Asymptotic)
    {
        Title = "Neural collapse emerges in the joint UFM without weight decay (NC metrics → 0, W → ETF), logarithmically in the angles",
        Statement =
            "Joint mode, CE, no bias, no weight decay, balanced, init scale 0.1, default step, `steps` steps: at the end nc1 ≤ nc1Threshold and "
            + "nc3 = ‖W/‖W‖ − M̃/‖M̃‖‖² ≤ nc3Threshold; equiangularity (mean over class pairs of |cos(μ̃_k, μ̃_l) + 1/(K−1)|) strictly decreases along the "
            + "checkpoints after separability and ends ≤ equiangularityThreshold; a fit equiangularity ≈ a/ln t + c is reported, together with etfGramCosine "
            + "of W. The default thresholds are ≥ 3× the worst values measured over 20 seeds at the default length (docs/ufm.md): they state how far "
            + "collapse gets in 2·10⁵ steps, not a limit.",
        Source = "Ji, Lu, Zhang, Deng, Su 2022 (ICLR), the unconstrained layer-peeled model (its minimisers without weight decay are neural-collapse configurations); global convergence from a generic small initialisation is an empirical observation here",
        References = ["ji2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 8, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 10, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Int("steps", 200000, "GD steps", min: 0),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 0),
            ClaimParameter.Real("nc1Threshold", 0.001, "nc1 must end at or below this", min: 0),
            ClaimParameter.Real("nc3Threshold", 0.001, "nc3 must end at or below this", min: 0),
            ClaimParameter.Real("equiangularityThreshold", 0.02, "equiangularity must end at or below this", min: 0),
            ClaimParameter.Text("targetCosine", "-1/(K-1)", "the pairwise cosine the final class means are measured against: -1/(K-1) = the simplex ETF (the statement); -1/K is a deliberately false target (falsifier)", "-1/(K-1)", "-1/K"),
            ClaimParameter.Int("classifierShift", 0, "nc3 compares classifier row k with the mean of class (k + classifierShift) mod K: 0 = the statement; 1 pairs each row with another class's mean (falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("target-angle-minus-one-over-k", "the final class means measured against the angle −1/K instead of −1/(K−1)", ("targetCosine", "-1/K")),
            Falsifier.Of("classifier-rows-shifted", "nc3 with each classifier row compared with the next class's mean (self-duality against the wrong class)", ("classifierShift", "1")),
        ],
    };

    private static UfmConfig Config(ClaimParameters p, int seed) => new()
    {
        Mode = UfmMode.Joint, Classes = p.Int("classes"), Dim = p.Int("dim"), PerClass = p.Int("perClass"), Steps = p.Int("steps"),
        InitScale = p.Real("initScale"), Seed = seed,
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Config(p, 1).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p);

    /// <summary>Evaluates the claim on a finished joint-mode trajectory with the default thresholds (or <paramref name="p"/>).</summary>
    public ClaimResult Evaluate(UfmResult r, ClaimParameters? p = null) =>
        Assess(r, p ?? ClaimParameters.Resolve(Info, ClaimContext.Default), p is null ? RunParameters(r) : p.AsStrings()).Result;

    /// <summary>
    /// Evaluates the claim on a finished joint-mode trajectory (the verdict of <see cref="Evaluate"/>) and attaches the
    /// NC metrics vs step with the thresholds, and equiangularity with its fitted a/ln t + c curve.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, ClaimParameters p)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(p);
        double nc1Threshold = p.Real("nc1Threshold"), nc3Threshold = p.Real("nc3Threshold"), equiangularityThreshold = p.Real("equiangularityThreshold");
        var (result, sep, fit, violations) = Assess(r, p, p.AsStrings());
        var rows = r.Trajectory;
        var last = rows[^1];
        var ncPlot = TrajectoryPlots.NcMetrics(rows,
            $"All metrics should fall towards 0 (neural collapse); at the end nc1 = {F(last.Nc1)} and nc3 = {F(last.Nc3)} must lie below their dashed thresholds "
            + $"({F(nc1Threshold)}, {F(nc3Threshold)}), equiangularity = {F(last.Equiangularity)} below {F(equiangularityThreshold)}.",
            [("nc1Threshold", nc1Threshold), ("nc3Threshold", nc3Threshold), ("equiangularityThreshold", equiangularityThreshold)]);
        var angles = rows.Skip(Math.Max(sep, 0)).Where(x => x.Step > 0).Select(x => x.Equiangularity);
        var logY = TrajectoryPlots.LogScaleFits(angles);
        var angleSeries = new List<PlotSeries>
        {
            TrajectoryPlots.Series("equiangularity", rows, x => x.Equiangularity, true, logY),
            TrajectoryPlots.Level("equiangularityThreshold", equiangularityThreshold, rows),
        };
        var caption = "Equiangularity (mean |cos(μ̃_k, μ̃_l) + 1/(K−1)|) must fall at every checkpoint after separability and end below the dashed threshold";
        if (fit is not null)
        {
            angleSeries.Add(TrajectoryPlots.InverseLogFit(fit, rows, sep, logY));
            caption += $"; the angles converge only logarithmically (fit a/ln t + c: a = {F(fit.A)}, c = {F(fit.C)}, R² = {fit.R2:F4}).";
        }
        else caption += ".";
        var anglePlot = new PlotSpec("Equiangularity vs step", TrajectoryPlots.StepLabel, "equiangularity", true, logY, TrajectoryPlots.NonEmpty(angleSeries))
        {
            Markers = TrajectoryPlots.SeparabilityMarker(rows),
            Caption = caption,
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([ncPlot, anglePlot]),
            FalsifyingInstance = result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([r], violations) : null,
        };
    }

    private (ClaimResult Result, int Separable, RateFit? Fit, IReadOnlyList<string> Violations) Assess(UfmResult r, ClaimParameters p,
        IReadOnlyDictionary<string, string> parameters)
    {
        var seed = r.Config.Seed;
        var c = r.Config;
        if (c.Mode != UfmMode.Joint || c.Loss != UfmLoss.CrossEntropy || c.Bias || c.LambdaW > 0 || c.LambdaH > 0 || c.Imbalance != 1)
            return (Inconclusive(parameters, seed, "needs joint mode, CE, balanced classes, no bias and no weight decay"), -1, null, []);
        var rows = r.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0) return (Inconclusive(parameters, seed, "the run never separated the data"), sep, null, []);
        int k = r.Classes, d = r.Dim;
        var last = rows[^1];
        var rises = TrajectoryView.NonDecreases(rows, sep, x => x.Equiangularity);
        var tail = rows.Skip(sep).ToList();
        var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.Equiangularity).ToList());
        var means = FinalGeometry.CentredMeans(r);
        var target = p.Text("targetCosine") == "-1/K" ? -1.0 / k : -1.0 / (k - 1);
        var angle = FinalGeometry.MeanCosineError(means, k, d, target);
        var nc3 = FinalGeometry.SelfDuality(r.W, means, k, d, p.Int("classifierShift"));
        var criteria = new List<Criterion>
        {
            Criterion.AtMost("nc1", last.Nc1, p.Real("nc1Threshold")),
            Criterion.AtMost("nc3", nc3, p.Real("nc3Threshold")),
            Criterion.Holds("equiangularity strictly decreasing after separability", rises == 0,
                $"did not decrease at {rises} checkpoint pairs after separability (t={rows[sep].Step}); first: {FirstRise(rows, sep, x => x.Equiangularity)}"),
            Criterion.AtMost("equiangularity", angle, p.Real("equiangularityThreshold")),
        };
        var i5 = TrajectoryView.Nearest(rows, 1e5);
        var detail =
            $"after {last.Step} steps: nc1 {last.Nc1:E2}, nc3 {nc3:E2}, nc1TraceRatio {last.Nc1TraceRatio:E2}, "
            + $"equiangularity {F(rows[sep].Equiangularity)} (t={rows[sep].Step}) → {F(rows[i5].Equiangularity)} (t={rows[i5].Step}) → {F(angle)}, "
            + $"{(rises == 0 ? "strictly decreasing" : $"{rises} rises")}; fit ≈ a/ln t + c: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; "
            + $"etfGramCosine(W) {last.EtfGramCosine:F6}, equinormMeans {last.EquinormMeans:E2}, nc4 {F(last.Nc4)}.";
        var (result, violations) = Criterion.Judge(Info.Id, criteria, parameters, seed, detail);
        return (result, sep, fit, violations);
    }
}
