using System.Globalization;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Minority collapse (Fang, He, Long, Su 2021, PNAS, "Exploring deep neural networks via layer-peeled model: minority
/// collapse in imbalanced training"): in the regularized CE UFM with K_A majority classes of n_A
/// samples and K_B minority classes of n_B, the minority classifiers become collinear as R = n_A/n_B grows.
/// </summary>
public sealed class MinorityCollapseClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-minority-collapse", ClaimKind.Asymptotic)
    {
        Title = "Minority collapse: the angle between minority classifiers shrinks as the imbalance ratio grows",
        Statement =
            "Regularized joint CE UFM (λ_W = λ_H = lambda), K classes of which the last ⌊K/2⌋ are minority with minorityPerClass samples and the others "
            + "R·minorityPerClass: the mean pairwise cosine of the minority classifiers is non-decreasing in R over ratios (slack tolerance) and reaches "
            + "collapsedCosine at the largest R; the angle curve is reported.",
        Source = "Fang, He, Long, Su 2021 (PNAS), minority collapse in the layer-peeled model; its finite-R behaviour in the regularized UFM is observed here",
        References = ["fang2021", "thrampoulidis2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K (the last ⌊K/2⌋ are minority classes)", min: 2, max: 1000),
            ClaimParameter.Int("dim", 6, "feature dimension d", min: 1, max: 100000),
            ClaimParameter.Int("minorityPerClass", 1, "samples per minority class n_B", min: 1, max: 1000000),
            ClaimParameter.RealList("ratios", "1,10,50,100", "imbalance ratios R = n_A/n_B, one run each, increasing (at least two)", min: 1),
            ClaimParameter.Real("lambda", 0.005, "weight decay λ_W = λ_H", min: 0),
            ClaimParameter.Int("steps", 50000, "GD steps per run", min: 0),
            ClaimParameter.Real("collapsedCosine", 0.99, "the minority cosine must reach this at the largest R", min: -1, max: 1),
            ClaimParameter.Real("tolerance", 0.001, "slack allowed when the cosine must not decrease in R", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("no-weight-decay", "no weight decay (λ = 0): without regularization the minority classifiers do not collapse", ("lambda", "0")),
        ],
    };

    /// <summary>Mean pairwise cosine of the classifier rows of the minority classes (⌈K/2⌉..K−1).</summary>
    public static double MinorityCosine(UfmResult r)
    {
        int k = r.Classes, d = r.Dim;
        var first = (k + 1) / 2;
        double sum = 0;
        var pairs = 0;
        for (var a = first; a < k; a++)
            for (var b = a + 1; b < k; b++)
            {
                double dot = 0, na = 0, nb = 0;
                for (var j = 0; j < d; j++)
                {
                    dot += r.W[a * d + j] * r.W[b * d + j];
                    na += r.W[a * d + j] * r.W[a * d + j];
                    nb += r.W[b * d + j] * r.W[b * d + j];
                }
                sum += dot / Math.Sqrt(na * nb);
                pairs++;
            }
        return pairs == 0 ? double.NaN : sum / pairs;
    }

    private static UfmConfig Config(ClaimParameters p, double ratio, int seed) => new()
    {
        Mode = UfmMode.Joint,
        Classes = p.Int("classes"),
        Dim = p.Int("dim"),
        PerClass = (int)Math.Round(ratio * p.Int("minorityPerClass")),
        Imbalance = ratio,
        LambdaW = p.Real("lambda"),
        LambdaH = p.Real("lambda"),
        Steps = p.Int("steps"),
        Seed = seed,
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p)
    {
        p.Require(p.RealList("ratios").Count >= 2, "ratios", "at least two ratios");
        foreach (var ratio in p.RealList("ratios")) Config(p, ratio, 1).Validate();
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var runs = p.RealList("ratios").Select(ratio => UfmSimulator.Run(Config(p, ratio, context.Seed))).ToList();
        return EvaluateWithEvidence(runs, p.Real("collapsedCosine"), p.Real("tolerance"), p.AsStrings());
    }

    /// <summary>Evaluates the claim on runs ordered by increasing imbalance ratio.</summary>
    public ClaimResult Evaluate(IReadOnlyList<UfmResult> runs, double collapsedCosine, double tolerance, IReadOnlyDictionary<string, string> parameters) =>
        Assess(runs, collapsedCosine, tolerance, parameters).Result;

    /// <summary>
    /// Evaluates the claim on runs ordered by increasing imbalance ratio (the verdict of <see cref="Evaluate"/>) and
    /// attaches the minority cosine vs the ratio R with the collapse threshold, and nc1 vs step for every run.
    /// </summary>
    public ClaimEvidence EvaluateWithEvidence(IReadOnlyList<UfmResult> runs, double collapsedCosine, double tolerance, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var (result, cos, violations) = Assess(runs, collapsedCosine, tolerance, parameters);
        var ratios = runs.Select(r => r.Config.Imbalance).ToArray();
        var finite = Enumerable.Range(0, cos.Length).Where(i => double.IsFinite(cos[i]) && ratios[i] > 0).ToArray();
        var cosinePlot = new PlotSpec("Minority classifier cosine vs imbalance ratio", "imbalance ratio R = n_A/n_B", "mean pairwise cos(w_k, w_l), minority k, l",
            true, false, TrajectoryPlots.NonEmpty(
            [
                new PlotSeries("minority cosine", finite.Select(i => ratios[i]).ToList(), finite.Select(i => cos[i]).ToList()),
                new PlotSeries($"collapsedCosine {F(collapsedCosine)}", [ratios.Min(), ratios.Max()], [collapsedCosine, collapsedCosine]) { Style = SeriesStyle.Dashed },
            ]))
        {
            Caption = $"As R grows the minority classifiers become collinear: the cosine must not decrease with R (slack {F(tolerance)}) and reach the dashed "
                      + $"threshold at the largest R (cos {cos[^1]:F4}, angle {Math.Acos(Math.Clamp(cos[^1], -1, 1)) * 180 / Math.PI:F1}°).",
        };
        var ncPlot = new PlotSpec("nc1 vs step, one run per ratio", TrajectoryPlots.StepLabel, "nc1", true, true,
            TrajectoryPlots.NonEmpty(runs.Select(r => TrajectoryPlots.Series($"R = {F(r.Config.Imbalance)}", r.Trajectory, x => x.Nc1, true, true))))
        {
            Caption = "Within-class variability collapses (nc1 → 0, down to round-off), so the cosines above are those of collapsed solutions; "
                      + "a run with a single sample in every class has nc1 = 0 throughout and draws no curve.",
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([cosinePlot, ncPlot]),
            FalsifyingInstance = result.Verdict == Verdict.Fails ? TrajectoryPlots.Falsifying(runs, violations) : null,
        };
    }

    private (ClaimResult Result, double[] Cosines, IReadOnlyList<string> Violations) Assess(IReadOnlyList<UfmResult> runs, double collapsedCosine, double tolerance,
        IReadOnlyDictionary<string, string> parameters)
    {
        var cos = runs.Select(MinorityCosine).ToArray();
        var curve = string.Join(", ", runs.Select((r, i) =>
            $"R={F(r.Config.Imbalance)}: cos {cos[i]:F4} ({Math.Acos(Math.Clamp(cos[i], -1, 1)) * 180 / Math.PI:F1}°), ‖w_min‖/‖w_maj‖ {NormRatio(r):F3}"));
        var detail = $"minority classifier angle curve: {curve}.";
        var worstDrop = 0.0;
        for (var i = 1; i < cos.Length; i++) worstDrop = Math.Max(worstDrop, cos[i - 1] - cos[i]);
        var criteria = new List<Criterion>
        {
            Criterion.AtMost("largest decrease of the minority cosine between consecutive R", worstDrop, tolerance),
            Criterion.AtMost($"1 − minority cosine at the largest R={F(runs[^1].Config.Imbalance)}", 1 - cos[^1], 1 - collapsedCosine),
        };
        var (result, violations) = Criterion.Judge(Info.Id, criteria, parameters, runs[0].Config.Seed, detail);
        return (result, cos, violations);
    }

    private static double NormRatio(UfmResult r)
    {
        int k = r.Classes, d = r.Dim;
        var first = (k + 1) / 2;
        double Norm(int c) => Math.Sqrt(Enumerable.Range(0, d).Sum(j => r.W[c * d + j] * r.W[c * d + j]));
        var maj = Enumerable.Range(0, first).Average(Norm);
        var min = Enumerable.Range(first, k - first).Average(Norm);
        return min / maj;
    }
}
