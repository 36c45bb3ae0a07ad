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
            "Joint mode, CE, no bias, no weight decay, balanced, init scale 0.1, default step: at the end nc1 < nc1Threshold and nc3 < nc3Threshold; "
            + "equiangularity strictly decreases along the checkpoints after separability and ends below equiangularityThreshold; "
            + "a fit equiangularity ≈ a/ln t + c is reported, together with etfGramCosine of W.",
        Source = "Ji, Lu, Zhang, Deng, Su 2022 (ICLR), the unconstrained layer-peeled model; global convergence from a generic small initialisation is an empirical observation",
        References = ["ji2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 8, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 10, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Int("steps", 200000, "GD steps", min: 0),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 0),
            ClaimParameter.Real("nc1Threshold", 0.001, "nc1 must end below this", min: 0),
            ClaimParameter.Real("nc3Threshold", 0.001, "nc3 must end below this", min: 0),
            ClaimParameter.Real("equiangularityThreshold", 0.02, "equiangularity must end below this", min: 0),
            ClaimParameter.Int("targetOffset", 1, "the target cosine of equiangularity is −1/(K − targetOffset): 1 = the statement; 0 measures the final means against −1/K "
                + "(deliberately false variant, falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("target-angle-minus-one-over-k", "the final class means measured against the angle −1/K instead of −1/(K−1)", ("targetOffset", "0")),
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
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) =>
        EvaluateWithEvidence(UfmSimulator.Run(Config(p, context.Seed)), p.Real("nc1Threshold"), p.Real("nc3Threshold"),
            p.Real("equiangularityThreshold"), p.AsStrings(), p.Int("targetOffset"));

    /// <summary>Evaluates the claim on a finished joint-mode trajectory.</summary>
    public ClaimResult Evaluate(UfmResult r, double nc1Threshold = 1e-3, double nc3Threshold = 1e-3, double equiangularityThreshold = 0.02,
        IReadOnlyDictionary<string, string>? parameters = null) => Assess(r, nc1Threshold, nc3Threshold, equiangularityThreshold, parameters, 1).Result;

    /// <summary>
    /// Evaluates the claim on a finished joint-mode trajectory (the verdict of <see cref="Evaluate"/>) and attaches the
    /// NC metrics vs step with the thresholds, and equiangularity with its fitted a/ln t + c curve.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult r, double nc1Threshold = 1e-3, double nc3Threshold = 1e-3, double equiangularityThreshold = 0.02,
        IReadOnlyDictionary<string, string>? parameters = null, int targetOffset = 1)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (result, sep, fit, violations) = Assess(r, nc1Threshold, nc3Threshold, equiangularityThreshold, parameters, targetOffset);
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
        double equiangularityThreshold, IReadOnlyDictionary<string, string>? parameters, int targetOffset)
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
        var angle = targetOffset == 1 ? last.Equiangularity : FinalEquiangularity(r, r.Classes - targetOffset);
        var holds = last.Nc1 < nc1Threshold && last.Nc3 < nc3Threshold && rises == 0 && angle < equiangularityThreshold;
        var i5 = TrajectoryView.Nearest(rows, 1e5);
        var detail =
            $"after {last.Step} steps: nc1 {last.Nc1:E2} (< {nc1Threshold:E0}), nc3 {last.Nc3:E2} (< {nc3Threshold:E0}), nc1TraceRatio {last.Nc1TraceRatio:E2}, "
            + $"equiangularity {F(rows[sep].Equiangularity)} (t={rows[sep].Step}) → {F(rows[i5].Equiangularity)} (t={rows[i5].Step}) → {F(angle)} "
            + $"(< {equiangularityThreshold}), {(rises == 0 ? "strictly decreasing" : $"{rises} rises")}; fit ≈ a/ln t + c: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; "
            + $"etfGramCosine(W) {last.EtfGramCosine:F6}, equinormMeans {last.EquinormMeans:E2}, nc4 {F(last.Nc4)}.";
        var violations = new List<string>();
        if (!(last.Nc1 < nc1Threshold)) violations.Add($"nc1 {last.Nc1:E3} at t={last.Step}; required < nc1Threshold = {nc1Threshold:E1}");
        if (!(last.Nc3 < nc3Threshold)) violations.Add($"nc3 {last.Nc3:E3} at t={last.Step}; required < nc3Threshold = {nc3Threshold:E1}");
        if (rises != 0)
            violations.Add($"equiangularity did not decrease at {rises} checkpoint pairs after separability (t={rows[sep].Step}); first: {FirstRise(rows, sep, x => x.Equiangularity)}");
        if (!(angle < equiangularityThreshold))
            violations.Add($"equiangularity {TrajectoryPlots.Num(angle)} at t={last.Step}; required < equiangularityThreshold = {TrajectoryPlots.Num(equiangularityThreshold)}");
        return (new ClaimResult(Info.Id, parameters, angle, 0.0, equiangularityThreshold, holds ? Verdict.Holds : Verdict.Fails, seed, detail), sep, fit, violations);
    }

    /// <summary>Mean over class pairs of |cos(μ̃_k, μ̃_l) + 1/<paramref name="denominator"/>| for the final features (the falsifier's target angle).</summary>
    private static double FinalEquiangularity(UfmResult r, int denominator)
    {
        int k = r.Classes, d = r.Dim;
        var means = new double[k, d];
        var counts = new int[k];
        for (var i = 0; i < r.Labels.Length; i++)
        {
            counts[r.Labels[i]]++;
            for (var j = 0; j < d; j++) means[r.Labels[i], j] += r.H[i * d + j];
        }
        var global = new double[d];
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) { means[c, j] /= counts[c]; global[j] += means[c, j] / k; }
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) means[c, j] -= global[j];
        double sum = 0;
        var pairs = 0;
        for (var a = 0; a < k; a++)
            for (var b = a + 1; b < k; b++, pairs++)
            {
                double dot = 0, na = 0, nb = 0;
                for (var j = 0; j < d; j++) { dot += means[a, j] * means[b, j]; na += means[a, j] * means[a, j]; nb += means[b, j] * means[b, j]; }
                sum += Math.Abs(dot / Math.Sqrt(na * nb) + 1.0 / denominator);
            }
        return sum / pairs;
    }
}
