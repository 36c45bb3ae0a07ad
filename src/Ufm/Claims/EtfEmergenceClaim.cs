using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// ETF emergence without weight decay (Ji, Lu, Zhang, Deng, Su 2022, ICLR, "An unconstrained layer-peeled perspective on
/// neural collapse"; claims catalogue E4): GD on the joint bias-free CE UFM from a small random start converges in
/// direction to the min-norm separation problem, whose minimisers are neural-collapse configurations (ETF means,
/// W ∝ M̃). The angles converge only logarithmically.
/// </summary>
public sealed class EtfEmergenceClaim : UfmClaim
{
    /// <inheritdoc />
    public override string Id => "ufm-etf-emergence";
    /// <inheritdoc />
    public override string Title => "Neural collapse emerges in the joint UFM without weight decay (NC metrics → 0, W → ETF), logarithmically in the angles";
    /// <inheritdoc />
    public override string Source => "Ji, Lu, Zhang, Deng, Su 2022, ICLR, ULPM (Thm 3.1/3.2); claims catalogue E4, I1 (global convergence from generic init is empirical)";
    /// <inheritdoc />
    public override string Statement =>
        "Joint mode, CE, no bias, no weight decay, balanced, init scale 0.1, default step: at the end nc1 < nc1Threshold and nc3 < nc3Threshold; "
        + "equiangularity strictly decreases along the checkpoints after separability and ends below equiangularityThreshold; "
        + "a fit equiangularity ≈ a/ln t + c is reported, together with etfGramCosine of W.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>
    {
        ["classes"] = "4", ["dim"] = "8", ["perClass"] = "10", ["steps"] = "200000", ["initScale"] = "0.1",
        ["nc1Threshold"] = "1e-3", ["nc3Threshold"] = "1e-3", ["equiangularityThreshold"] = "0.02",
    };

    /// <inheritdoc />
    public override ClaimEvidence CheckWithEvidence(ClaimContext context)
    {
        var config = new UfmConfig
        {
            Mode = UfmMode.Joint, Classes = context.GetInt(this, "classes"), Dim = context.GetInt(this, "dim"),
            PerClass = context.GetInt(this, "perClass"), Steps = context.GetInt(this, "steps"),
            InitScale = context.GetDouble(this, "initScale"), Seed = context.Seed,
        };
        double nc1 = context.GetDouble(this, "nc1Threshold"), nc3 = context.GetDouble(this, "nc3Threshold"),
            equiangularity = context.GetDouble(this, "equiangularityThreshold");
        return EvaluateWithEvidence(UfmSimulator.Run(config), nc1, nc3, equiangularity, Effective(context));
    }

    /// <summary>Evaluates the claim on a finished joint-mode trajectory.</summary>
    public ClaimResult Evaluate(UfmResult r, double nc1Threshold = 1e-3, double nc3Threshold = 1e-3, double equiangularityThreshold = 0.02,
        IReadOnlyDictionary<string, string>? parameters = null) => Assess(r, nc1Threshold, nc3Threshold, equiangularityThreshold, parameters).Result;

    /// <summary>
    /// Evaluates the claim on a finished joint-mode trajectory (the verdict of <see cref="Evaluate"/>) and attaches the
    /// NC metrics vs step with the thresholds, and equiangularity with its fitted a/ln t + c curve.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, double nc1Threshold = 1e-3, double nc3Threshold = 1e-3, double equiangularityThreshold = 0.02,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (result, sep, fit, violations) = Assess(r, nc1Threshold, nc3Threshold, equiangularityThreshold, parameters);
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

    private (ClaimResult Result, int Separable, RateFit? Fit, IReadOnlyList<string> Violations) Assess(UfmResult r, double nc1Threshold, double nc3Threshold,
        double equiangularityThreshold, IReadOnlyDictionary<string, string>? parameters)
    {
        parameters ??= RunParameters(r);
        var seed = r.Config.Seed;
        var c = r.Config;
        if (c.Mode != UfmMode.Joint || c.Loss != UfmLoss.CrossEntropy || c.Bias || c.LambdaW > 0 || c.LambdaH > 0 || c.Imbalance != 1)
            return (Inconclusive(parameters, seed, "needs joint mode, CE, balanced classes, no bias and no weight decay"), -1, null, []);
        var rows = r.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0) return (Inconclusive(parameters, seed, "the run never separated the data"), sep, null, []);
        var last = rows[^1];
        var rises = TrajectoryView.NonDecreases(rows, sep, x => x.Equiangularity);
        var tail = rows.Skip(sep).ToList();
        var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.Equiangularity).ToList());
        var holds = last.Nc1 < nc1Threshold && last.Nc3 < nc3Threshold && rises == 0 && last.Equiangularity < equiangularityThreshold;
        var i5 = TrajectoryView.Nearest(rows, 1e5);
        var detail =
            $"after {last.Step} steps: nc1 {last.Nc1:E2} (< {nc1Threshold:E0}), nc3 {last.Nc3:E2} (< {nc3Threshold:E0}), nc1TraceRatio {last.Nc1TraceRatio:E2}, "
            + $"equiangularity {F(rows[sep].Equiangularity)} (t={rows[sep].Step}) → {F(rows[i5].Equiangularity)} (t={rows[i5].Step}) → {F(last.Equiangularity)} "
            + $"(< {equiangularityThreshold}), {(rises == 0 ? "strictly decreasing" : $"{rises} rises")}; fit ≈ a/ln t + c: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; "
            + $"etfGramCosine(W) {last.EtfGramCosine:F6}, equinormMeans {last.EquinormMeans:E2}, nc4 {F(last.Nc4)}.";
        var violations = new List<string>();
        if (!(last.Nc1 < nc1Threshold)) violations.Add($"nc1 {last.Nc1:E3} at t={last.Step}; required < nc1Threshold = {nc1Threshold:E1}");
        if (!(last.Nc3 < nc3Threshold)) violations.Add($"nc3 {last.Nc3:E3} at t={last.Step}; required < nc3Threshold = {nc3Threshold:E1}");
        if (rises != 0)
            violations.Add($"equiangularity did not decrease at {rises} checkpoint pairs after separability (t={rows[sep].Step}); first: {FirstRise(rows, sep, x => x.Equiangularity)}");
        if (!(last.Equiangularity < equiangularityThreshold))
            violations.Add($"equiangularity {TrajectoryPlots.Num(last.Equiangularity)} at t={last.Step}; required < equiangularityThreshold = {TrajectoryPlots.Num(equiangularityThreshold)}");
        return (new ClaimResult(Id, parameters, last.Equiangularity, 0.0, equiangularityThreshold, holds ? Verdict.Holds : Verdict.Fails, seed, detail), sep, fit, violations);
    }
}
