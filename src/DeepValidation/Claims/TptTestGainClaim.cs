using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Test accuracy keeps improving after train accuracy reaches 100% (Papyan, Han, Donoho 2020, PNAS; the phenomenon
/// Gao et al. 2023, arXiv 2310.08358, abstract and Cor. 4.5 [R], set out to explain), checked over seeds on the bundled
/// subsets with <see cref="TptVerdict"/>'s rule. Legitimately inconclusive when the gain is within the seed noise.
/// </summary>
public sealed class TptTestGainClaim : DeepClaim
{
    /// <inheritdoc />
    public override string Id => "deep-tpt-test-gain";
    /// <inheritdoc />
    public override string Title => "Test accuracy keeps improving after the TPT start (MLP on the MNIST and Fashion subsets)";
    /// <inheritdoc />
    public override string Source => "Papyan, Han, Donoho 2020, PNAS (TPT improves test performance); Gao, Xu, Wen, Wu 2023, arXiv 2310.08358, abstract and Cor. 4.5 [R]";
    /// <inheritdoc />
    public override string Statement =>
        "For every dataset in `datasets` (default the MNIST and Fashion-MNIST subsets, trainPerClass images per class, the full 100 test images per class), "
        + "an MLP (width × depth, batch norm) trained by SGD with `seeds` seeds for `epochs` epochs, lr ×0.1 at lrMilestones; per seed t₀ = first epoch with "
        + "100% train accuracy and gain = test accuracy at the last epoch − at t₀. Per dataset: holds when the lower end of the 95% Student-t interval of the "
        + "mean gain over the seeds that reached t₀ is > 0, fails when the upper end is < 0, inconclusive otherwise (also with fewer than 2 such seeds). "
        + "The claim holds when it holds on every dataset and fails when it fails on one. The gain includes the effect of the learning-rate decays after t₀, "
        + "as in the protocol of Papyan et al.";
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        new Dictionary<string, string>(TrainingDefaults(trainPerClass: 200, testPerClass: 0, width: 128, depth: 2, epochs: 50, lrMilestones: "25,40"))
        {
            ["datasets"] = "mnist-subset,fashion-subset", ["seeds"] = "3",
        };

    /// <inheritdoc />
    public override ClaimEvidence CheckWithEvidence(ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var datasets = context.Raw(this, "datasets").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (datasets.Length == 0) throw new InputException($"--param {Id}:datasets: at least one dataset is needed");
        var options = Training(context);
        var seeds = Seeds(context);
        var parameters = Effective(context);
        var parts = new List<string>();
        var verdicts = new List<Verdict>();
        var plots = new List<PlotSpec>();
        var worstGain = double.NaN;
        var worstHalfWidth = double.NaN;
        foreach (var name in datasets)
        {
            var data = LoadData(context, name);
            var trained = Train(data, seeds.Select(seed => options with { Seed = seed }).ToList());
            var runs = seeds.Select((seed, i) => (Seed: seed, Run: trained[i])).ToList();
            var verdict = TptVerdict.Judge(runs.Select(r => TptRunSummary.Of(r.Seed, r.Run.Epochs)).ToList(), parameters);
            var gain = verdict.TestAccuracyGain;
            verdicts.Add(verdict.AccuracyClaim.Verdict);
            if (double.IsNaN(worstGain) || gain.Mean < worstGain) { worstGain = gain.Mean; worstHalfWidth = gain.Mean - gain.Lower; }
            parts.Add($"{data.Name} ({data.Train.Count} train / {data.Test.Count} test): {verdict.AccuracyClaim.Verdict.ToString().ToUpperInvariant()}, "
                      + $"per seed test accuracy at t₀ → last: {string.Join("; ", verdict.Runs.Select(Describe))}; {verdict.AccuracyClaim.Detail}");
            plots.Add(Plot(data.Name, runs, options.LearningRateMilestones));
        }
        var combined = verdicts.Contains(Verdict.Fails) ? Verdict.Fails : verdicts.All(v => v == Verdict.Holds) ? Verdict.Holds : Verdict.Inconclusive;
        var result = new ClaimResult(Id, parameters, worstGain, 0.0, worstHalfWidth, combined, context.Seed,
            string.Join(". ", parts) + ". Measured: the smallest mean gain over the datasets.");
        return new ClaimEvidence(result) { Plots = DeepPlots.Drawable(plots) };
    }

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
