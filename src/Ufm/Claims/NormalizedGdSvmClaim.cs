using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Faster convergence to the SVM direction with a loss-normalized step η_t ∝ 1/F(W_t) (Nacson, Lee, Gunasekar,
/// Savarese, Srebro, Soudry 2019, AISTATS, "Convergence of gradient descent on separable data"): the same limit
/// direction as fixed-step GD, reached polynomially instead of logarithmically fast.
/// </summary>
public sealed class NormalizedGdSvmClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-normalized-gd-svm", ClaimKind.Asymptotic)
    {
        Title = "Loss-normalized GD reaches the same SVM direction much faster than fixed-step GD",
        Statement =
            "Mode (b), same separable features and steps: with the schedule η_t = η·F₀/F_t (default η = 1/(2F₀ max‖h_i‖²)) the final "
            + "svmDirectionDistance is at most 1/speedup of the fixed-step (1/L) run's, and it decreases along the checkpoints after separability.",
        Source = "Nacson, Lee, Gunasekar, Savarese, Srebro, Soudry 2019 (AISTATS, PMLR 89), normalized GD on separable data",
        References = ["nacson2019", "soudry2018"],
        Parameters =
        [
            ClaimParameter.Int("classes", 5, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 12, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 25, "samples per class", min: 1, max: 1000000),
            ClaimParameter.Real("separation", 2, "separation of the random fixed features (at 1, 4 of seeds 1–10 are barely separable and the "
                + "normalized run separates only after 5·10³ steps or not at all: the default length is not asymptotic there; docs/ufm.md, \"Tolerances\")", min: 0),
            ClaimParameter.Int("steps", 200000, "GD steps of both runs", min: 0),
            ClaimParameter.Real("speedup", 10, "required ratio of the final SVM-direction distances (fixed step / normalized step)", min: 0),
            ClaimParameter.Text("schedule", "normalized", "the schedule of the second run: normalized, η_t = η·F₀/F_t (the statement), or fixed, the same fixed step as the first "
                + "run (falsifier: no speed-up)", "normalized", "fixed"),
        ],
        Falsifiers =
        [
            Falsifier.Of("no-normalization", "the second run with the fixed step too (no loss normalization, so no speed-up)", ("schedule", "fixed")),
        ],
    };

    private static UfmConfig Config(ClaimParameters p, int seed) =>
        CeSvmDirectionClaim.Config(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("separation"), p.Int("steps"), seed);

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => (Config(p, 1) with { Schedule = StepSchedule.Normalized }).Validate();

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var plain = Config(p, context.Seed);
        var fixedRun = UfmSimulator.Run(plain);
        var schedule = p.Text("schedule") == "fixed" ? StepSchedule.Fixed : StepSchedule.Normalized;
        var normalizedRun = schedule == StepSchedule.Fixed ? fixedRun : UfmSimulator.Run(plain with { Schedule = schedule }); // the falsifier's second run is the first
        return EvaluateWithEvidence(fixedRun, normalizedRun, p.Real("speedup"), p.AsStrings());
    }

    /// <summary>Compares a fixed-step and a normalized run on the same features.</summary>
    public ClaimResult Evaluate(UfmResult fixedRun, UfmResult normalizedRun, double speedup, IReadOnlyDictionary<string, string> parameters) =>
        Assess(fixedRun, normalizedRun, speedup, parameters).Result;

    /// <summary>
    /// Compares a fixed-step and a normalized run on the same features (the verdict of <see cref="Evaluate"/>) and
    /// attaches both distances to the SVM direction (with the fixed run's fitted a/ln t + c curve and the required
    /// final distance) and both losses.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(UfmResult fixedRun, UfmResult normalizedRun, double speedup, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(fixedRun);
        ArgumentNullException.ThrowIfNull(normalizedRun);
        var (result, violations) = Assess(fixedRun, normalizedRun, speedup, parameters);
        IReadOnlyList<TrajectoryRow> fixedRows = fixedRun.Trajectory, normRows = normalizedRun.Trajectory;
        var fixedSep = TrajectoryView.FirstSeparable(fixedRows);
        var logY = TrajectoryPlots.LogScaleFits(fixedRows.Concat(normRows).Where(x => x.Step > 0).Select(x => x.SvmDirectionDistance));
        var series = new List<PlotSeries>
        {
            TrajectoryPlots.Series($"fixed step η = {F(fixedRun.StepSize)}", fixedRows, x => x.SvmDirectionDistance, true, logY),
            TrajectoryPlots.Series("normalized η_t = η F₀/F_t", normRows, x => x.SvmDirectionDistance, true, logY),
        };
        // The point goes before the dashed fit: ScottPlot's SVG output warns on stderr when markers follow a dashed line.
        var required = fixedRun.Final.SvmDirectionDistance / speedup;
        if (double.IsFinite(required) && (!logY || required > 0) && fixedRun.Final.Step > 0)
            series.Add(new PlotSeries($"required ≤ fixed/{F(speedup)}", [fixedRun.Final.Step], [required]) { Style = SeriesStyle.Points });
        var caption = $"The loss-normalized step should approach the SVM direction much faster: final distance {F(normalizedRun.Final.SvmDirectionDistance)} vs "
                      + $"{F(fixedRun.Final.SvmDirectionDistance)} with the fixed step (the point marks the required ≤ fixed/{F(speedup)})";
        if (fixedSep >= 0 && fixedRows.Count - fixedSep >= 3)
        {
            var tail = fixedRows.Skip(fixedSep).ToList();
            var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.SvmDirectionDistance).ToList());
            series.Add(TrajectoryPlots.InverseLogFit(fit, fixedRows, fixedSep, logY) with { Name = "fit a/ln t + c (fixed step)" });
            caption += $"; the fixed step follows the dashed 1/log t fit (a = {F(fit.A)}, c = {F(fit.C)}, R² = {fit.R2:F4}).";
        }
        else caption += ".";
        var distancePlot = new PlotSpec("Distance to the SVM direction: fixed vs loss-normalized step", TrajectoryPlots.StepLabel,
            "‖W/‖W‖ − W_svm/‖W_svm‖‖_F", true, logY, TrajectoryPlots.NonEmpty(series))
        {
            Markers = TrajectoryPlots.SeparabilityMarker(normRows) is [var m] ? [m with { Label = "normalized run " + m.Label }] : [],
            Caption = caption,
        };
        var lossPlot = TrajectoryPlots.Loss([("fixed step", fixedRows), ("normalized step", normRows)],
            "The normalized step grows as F falls, so its loss decays far faster than the fixed step's 1/t.");
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([distancePlot, lossPlot]),
            FalsifyingInstance = result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying([fixedRun, normalizedRun], violations) : null,
        };
    }

    private (ClaimResult Result, IReadOnlyList<string> Violations) Assess(UfmResult fixedRun, UfmResult normalizedRun, double speedup,
        IReadOnlyDictionary<string, string> parameters)
    {
        var seed = fixedRun.Config.Seed;
        if (fixedRun.Svm is null || normalizedRun.Svm is null) return (Inconclusive(parameters, seed, "the fixed features are not linearly separable"), []);
        var rows = normalizedRun.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0) return (Inconclusive(parameters, seed, "the normalized run never separated the data"), []);
        var nonDecreases = TrajectoryView.NonDecreases(rows, sep, x => x.SvmDirectionDistance);
        var dFixed = fixedRun.Final.SvmDirectionDistance;
        var dNorm = normalizedRun.Final.SvmDirectionDistance;
        var criteria = new List<Criterion>
        {
            Criterion.Holds("normalized distances strictly decrease after separability", nonDecreases == 0,
                $"did not decrease at {nonDecreases} checkpoint pairs after separability (t={rows[sep].Step}); first: {FirstRise(rows, sep, x => x.SvmDirectionDistance)}"),
            Criterion.AtLeast("speed-up (fixed-step distance / normalized distance)", dFixed / dNorm, speedup),
        };
        var detail = $"after {fixedRun.StepsDone} steps: svmDirectionDistance {F(dNorm)} with η_t = η F₀/F_t (η = {F(normalizedRun.StepSize)}, ‖W‖ = "
                     + $"{F(normalizedRun.Final.NormW)}) versus {F(dFixed)} with the fixed step {F(fixedRun.StepSize)} (‖W‖ = {F(fixedRun.Final.NormW)}): "
                     + $"{dFixed / dNorm:F1}× closer; normalized distances {(nonDecreases == 0 ? "strictly decrease" : $"rise {nonDecreases} times")} after separability (t={rows[sep].Step}); "
                     + $"normalized margin {F(normalizedRun.Final.NormalizedMargin)} vs {F(fixedRun.Final.NormalizedMargin)}.";
        return Criterion.Judge(Info.Id, criteria, parameters, seed, detail);
    }
}
