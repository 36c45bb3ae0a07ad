using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Test accuracy keeps improving after train accuracy reaches 100% (Papyan, Han, Donoho 2020, PNAS; the phenomenon
/// Gao et al. 2023, arXiv 2310.08358, set out to explain), checked over seeds on the bundled
/// subsets with <see cref="TptVerdict"/>'s rule. Legitimately inconclusive when the gain is within the seed noise. Its
/// falsifier asserts a false size of the effect (a gain of 50 points of test accuracy), which the same rule must reject
/// whatever the default recipe gives: the upper end of the interval of gain − claimedGain is then below 0.
/// </summary>
public sealed class TptTestGainClaim : DeepClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("deep-tpt-test-gain", ClaimKind.Empirical)
    {
        Title = "Test accuracy keeps improving after the TPT start (MLP on the MNIST and Fashion subsets)",
        Statement =
            "For every dataset in `datasets` (default the MNIST and Fashion-MNIST subsets, trainPerClass images per class, the full 100 test images per class), "
            + "an MLP (width × depth, batch norm) trained by SGD with `seeds` seeds for `epochs` epochs, lr ×0.1 at lrMilestones; per seed t₀ = first epoch with "
            + "100% train accuracy and gain = test accuracy at the last epoch − at t₀. Per dataset: holds when the lower end of the 95% Student-t interval of the "
            + "mean gain over the seeds that reached t₀ is > 0, fails when the upper end is < 0, inconclusive otherwise (also with fewer than 2 such seeds). "
            + "The claim holds when it holds on every dataset and fails when it fails on one. The gain includes the effect of the learning-rate decays after t₀, "
            + "as in the protocol of Papyan et al. The rule is applied to gain − claimedGain (claimedGain = 0: the gain is positive; a falsifier asserts a "
            + "gain of at least claimedGain = 0.5, which must fail).",
        Source = "Papyan, Han, Donoho 2020 (PNAS): TPT improves test performance; the phenomenon Gao et al. 2023 (arXiv 2310.08358) set out to explain (abstract) (empirical)",
        References = ["papyan2020", "gao2023"],
        Parameters =
        [
            .. TrainingParameters(trainPerClass: 200, testPerClass: 0, width: 128, depth: 2, epochs: 50, lrMilestones: "25,40"),
            ClaimParameter.Text("datasets", "mnist-subset,fashion-subset", "comma-separated --dataset values, one verdict each"),
            ClaimParameter.Int("seeds", 3, "number of seeds per dataset (report seed, seed+1, …)", min: 1, max: 1000),
            ClaimParameter.Text("direction", "forward", "the order in which the curves are judged: forward (the statement) or reversed, last epoch first (a reversed trend; inconclusive when "
                + "the gain is within the seed noise)", "forward", "reversed"),
            ClaimParameter.Real("claimedGain", 0, "the gain the statement asserts is exceeded (the rule judges gain − claimedGain): 0 = the statement (test accuracy improves after t₀); 0.5 "
                + "asserts a 50-point gain, a deliberately false size (falsifier)", min: -1, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("fifty-point-test-gain", "the claim that test accuracy gains at least 0.5 (50 points) after the TPT start: a false size of the effect, which the interval rule must "
                + "reject", ("claimedGain", "0.5")),
        ],
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p)
    {
        base.Validate(p);
        p.Require(Datasets(p).Length > 0, "datasets", "at least one dataset");
    }

    private static string[] Datasets(ClaimParameters p) =>
        p.Text("datasets").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var datasets = Datasets(p);
        var options = Training(p);
        var seeds = Seeds(p, context);
        var parameters = Effective(p, context);
        var reversed = p.Text("direction") == "reversed";
        var claimed = p.Real("claimedGain");
        var parts = new List<string>();
        var verdicts = new List<Verdict>();
        var plots = new List<PlotSpec>();
        var worstGain = double.NaN;
        var worstHalfWidth = double.NaN;
        foreach (var name in datasets)
        {
            var data = LoadData(p, name);
            var trained = Train(data, seeds.Select(seed => options with { Seed = seed }).ToList());
            var runs = seeds.Select((seed, i) => (Seed: seed, Run: trained[i])).ToList();
            var summaries = runs.Select(r => TptRunSummary.Of(r.Seed, r.Run.Epochs)).Select(s => reversed ? Reversed(s) : s).ToList();
            var verdict = TptVerdict.Judge(summaries.Select(s => s with { TestAccuracyFinal = s.TestAccuracyFinal - claimed }).ToList(), parameters);
            var gain = verdict.TestAccuracyGain;
            verdicts.Add(verdict.AccuracyClaim.Verdict);
            if (double.IsNaN(worstGain) || gain.Mean < worstGain) { worstGain = gain.Mean; worstHalfWidth = gain.Mean - gain.Lower; }
            parts.Add($"{data.Name} ({data.Train.Count} train / {data.Test.Count} test): {verdict.AccuracyClaim.Verdict.Label()}, "
                      + $"per seed test accuracy at t₀ → last: {string.Join("; ", summaries.Select(Describe))}; "
                      + (claimed == 0 ? "" : $"judged: gain − claimedGain {F(claimed)}: ") + verdict.AccuracyClaim.Detail);
            plots.Add(Plot(data.Name, runs, options.LearningRateMilestones));
        }
        var combined = verdicts.Contains(Verdict.Fails) ? Verdict.Fails : verdicts.All(v => v == Verdict.Holds) ? Verdict.Holds : Verdict.Inconclusive;
        var result = new ClaimResult(Info.Id, parameters, worstGain, 0.0, worstHalfWidth, combined, context.Seed,
            string.Join(". ", parts) + (claimed == 0 ? ". Measured: the smallest mean gain over the datasets." : ". Measured: the smallest mean of gain − claimedGain over the datasets."));
        return new ClaimEvidence(result) { Plots = DeepPlots.Drawable(plots) };
    }

    /// <summary>The summary read backwards: the values at t₀ and at the last epoch swapped (a growth becomes a decline).</summary>
    private static TptRunSummary Reversed(TptRunSummary s) => s with
    {
        TestAccuracyAtStart = s.TestAccuracyFinal,
        TestAccuracyFinal = s.TestAccuracyAtStart,
        MinMarginAtStart = s.MinMarginFinal,
        MinMarginFinal = s.MinMarginAtStart,
        NormalizedMarginAtStart = s.NormalizedMarginFinal,
        NormalizedMarginFinal = s.NormalizedMarginAtStart,
        Nc1AtStart = s.Nc1Final,
        Nc1Final = s.Nc1AtStart,
    };

    private static string Describe(TptRunSummary s) => s.TptStartEpoch is int t
        ? $"seed {s.Seed} (t₀ = {t}) {F(s.TestAccuracyAtStart)} → {F(s.TestAccuracyFinal)}"
        : $"seed {s.Seed} never at 100%";

    private static PlotSpec Plot(string dataset, IReadOnlyList<(int Seed, TrainingResult Run)> runs, IReadOnlyList<int> milestones)
    {
        var decays = milestones.Count == 0 ? "none" : string.Join(", ", milestones);
        var reached = runs.Where(r => r.Run.InterpolationEpoch is not null).ToList();
        if (reached.Count == 0)
            return new PlotSpec($"Test accuracy vs epoch ({dataset}, TPT never reached)", DeepPlots.EpochLabel, "test accuracy", false, false,
                DeepPlots.NonEmpty(runs.Select(r => DeepPlots.Series($"seed {r.Seed}", r.Run.Epochs, e => e.TestAccuracy, logY: false))))
            {
                Caption = $"No seed reached 100% train accuracy, so there is no terminal phase to judge (learning-rate decays at epochs {decays}).",
            };
        var never = runs.Where(r => r.Run.InterpolationEpoch is null).Select(r => r.Seed).ToList();
        var series = reached.Select(r => DeepPlots.Series($"seed {r.Seed} (t₀ = {r.Run.InterpolationEpoch})", r.Run.Epochs, e => e.TestAccuracy, logY: false,
            x: e => e.Epoch - r.Run.InterpolationEpoch!.Value));
        return new PlotSpec($"Test accuracy around the TPT start ({dataset})", "epochs since the TPT start (t − t₀)", "test accuracy", false, false,
            DeepPlots.NonEmpty(series))
        {
            Markers = [new PlotMarker(0, "TPT start (100% train accuracy)")],
            Caption = $"The claim: the curves keep rising right of the marker. Learning-rate decays at epochs {decays} (shifted by each seed's t₀) also raise them."
                      + (never.Count == 0 ? "" : $" Seeds {string.Join(", ", never)} never reached 100% train accuracy and are not drawn."),
        };
    }
}
