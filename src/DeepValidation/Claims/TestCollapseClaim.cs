using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Test-set collapse (Hui, Belkin, Nakkiran 2022, arXiv 2202.08384): neural collapse on the train set does not carry
/// over to held-out data. MLPs trained with the default recipe on a bundled subset with several seeds; per epoch the
/// train nc1 and the nc1 of the test features about the train class means; the verdict is
/// <see cref="TestCollapseVerdict"/>'s. One instance per dataset (<c>deep-test-collapse-mnist</c>,
/// <c>deep-test-collapse-fashion</c>).
/// </summary>
public sealed class TestCollapseClaim : DeepClaim
{
    /// <summary>
    /// The claim on <paramref name="dataset"/> (a <c>--dataset</c> value), id <c>deep-test-collapse-</c><paramref name="label"/>, with the
    /// default recipe (60 epochs, lr × 0.1 at 30 and 45, weight decay 5·10⁻⁴).
    /// </summary>
    public TestCollapseClaim(string dataset, string label) : this(dataset, label, epochs: 60, lrMilestones: "30,45", weightDecay: 5e-4)
    {
    }

    /// <summary>
    /// The claim on <paramref name="dataset"/> with its own training recipe: a dataset whose default run reaches 100% train accuracy only at
    /// the first learning-rate drop leaves too little terminal phase for the train nc1 to fall (docs/deep-validation.md, test collapse).
    /// </summary>
    public TestCollapseClaim(string dataset, string label, int epochs, string lrMilestones, double weightDecay)
    {
        Info = new ClaimInfo($"deep-test-collapse-{label}", ClaimKind.Empirical)
        {
            Title = $"Train collapse does not carry over to the test set (MLP on the {dataset})",
            Statement =
                "An MLP (width × depth, batch norm) trained by SGD (momentum 0.9, lr ×0.1 at lrMilestones, weight decay; default 128 × 2, batch 128) on `dataset` "
                + "(default the bundled " + dataset + ", trainPerClass = 200 train and all 100 test images per class) for `epochs` epochs with `seeds` seeds. "
                + "Per epoch: the train nc1 and the nc1 of the test features about the TRAIN class means (Σ_W of the test features around the train means, Σ_B of "
                + "the train means). Per seed τ = ln(test-nc1 fall)/ln(train-nc1 fall) from the TPT start t₀ (first epoch with 100% train accuracy) to the last "
                + "epoch. Over the seeds that reached t₀ and whose train nc1 fell ≥ 1.25-fold after it: holds (no test collapse) when the upper end of the 95% "
                + "Student-t interval of the mean τ is < 0.5, fails (test collapse follows train collapse) when its lower end is > 0.5, inconclusive otherwise.",
            Source = "Hui, Belkin, Nakkiran 2022 (arXiv 2202.08384), \"Limitations of neural collapse for understanding generalization in deep learning\" "
                     + "(collapse on the train set vs on the test distribution) [reconstructed: the τ statistic and its threshold are ours] (empirical)",
            References = ["hui2022", "papyan2020"],
            Parameters =
            [
                .. TrainingParameters(trainPerClass: 200, testPerClass: 0, width: 128, depth: 2, epochs: epochs, lrMilestones: lrMilestones, weightDecay: weightDecay),
                ClaimParameter.Text("dataset", dataset, "dataset (a --dataset value: mnist-subset, fashion-subset, idx:DIR, cifar10:DIR, gaussian:…)"),
                ClaimParameter.Int("seeds", 3, "seeds trained (consecutive from the check's seed; at least 2 for the interval)", min: 2, max: 1000),
                ClaimParameter.Text("heldOut", "test", "the held-out features: test (the statement) or train, the train features in place of the test features (broken input, "
                    + "falsifier)", "test", "train"),
            ],
            Falsifiers =
            [
                Falsifier.Of("train-features-as-held-out", "the train features in place of the test features (held-out nc1 = train nc1, so τ = 1 and test collapse 'follows')", ("heldOut", "train")),
            ],
        };
    }

    /// <inheritdoc />
    public override ClaimInfo Info { get; }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var heldOutIsTrain = p.Text("heldOut") == "train";
        var data = LoadData(p, p.Text("dataset"));
        var options = Training(p);
        var seeds = Seeds(p, context);
        var trained = Train(data, seeds.Select(seed => options with { Seed = seed }).ToList());
        var runs = seeds.Select((seed, i) => (Seed: seed, Run: trained[i])).ToList();
        var summaries = runs.Where(r => r.Run.InterpolationEpoch is not null)
            .Select(r => TestCollapseSummary.Of(r.Seed, r.Run.Epochs, r.Run.InterpolationEpoch!.Value, heldOutIsTrain))
            .Where(s => s is not null).Select(s => s!).ToList();
        var missing = runs.Where(r => r.Run.InterpolationEpoch is null).Select(r => r.Seed).ToList();
        var result = TestCollapseVerdict.Judge(Info.Id, summaries, Effective(p, context), context.Seed, missing);
        var reached = string.Join(", ", runs.Select(r => $"seed {r.Seed}: {(r.Run.InterpolationEpoch is int t ? $"100% train accuracy from epoch {t}" : "never 100% train accuracy")}, final "
            + $"test accuracy {F(r.Run.LastMeasured.TestAccuracy ?? double.NaN)}"));
        result = result with { Detail = $"{data.Name}, {data.Train.Count} train / {data.Test.Count} test images: {result.Detail}. {reached}." };
        return new ClaimEvidence(result) { Plots = Plots(runs, heldOutIsTrain) };
    }

    private static IReadOnlyList<PlotSpec> Plots(IReadOnlyList<(int Seed, TrainingResult Run)> runs, bool heldOutIsTrain)
    {
        var nc1 = new List<PlotSeries>();
        var cdnv = new List<PlotSeries>();
        for (var i = 0; i < runs.Count; i++)
        {
            var (seed, run) = runs[i];
            nc1.Add(DeepPlots.Series($"seed {seed}: train nc1", run.Epochs, r => r.Train?.Nc1, logY: true) with { ColorSlot = i });
            nc1.Add(DeepPlots.Series($"seed {seed}: test nc1 about the train means", run.Epochs,
                r => heldOutIsTrain ? r.Train?.Nc1 : r.TestAgainstTrainMeans?.Nc1, logY: true, style: SeriesStyle.Dashed) with
            { ColorSlot = i });
            cdnv.Add(DeepPlots.Series($"seed {seed}: train cdnv", run.Epochs, r => r.Train?.Cdnv, logY: true) with { ColorSlot = i });
            cdnv.Add(DeepPlots.Series($"seed {seed}: test cdnv about the train means", run.Epochs,
                r => heldOutIsTrain ? r.Train?.Cdnv : r.TestAgainstTrainMeans?.Cdnv, logY: true, style: SeriesStyle.Dashed) with
            { ColorSlot = i });
        }
        return DeepPlots.Drawable(
        [
            new PlotSpec("Train vs held-out NC1", DeepPlots.EpochLabel, "nc1", false, true, DeepPlots.NonEmpty(nc1))
            {
                Caption = "Solid: nc1 of the train features; dashed: nc1 of the test features about the train class means. Test collapse would make the "
                          + "dashed curves fall with the solid ones; the statement (Hui et al. 2022) is that they do not.",
            },
            new PlotSpec("Train vs held-out CDNV", DeepPlots.EpochLabel, "cdnv", false, true, DeepPlots.NonEmpty(cdnv))
            {
                Caption = "The same comparison with the class-distance normalised variance (Galanti et al. 2022) about the train class means.",
            },
        ]);
    }
}
