using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// In the terminal phase of an MLP trained on the MNIST subset the minimal train margin p_min and the normalised
/// margin p_min/(‖W‖_F max‖h_i‖) grow (Gao et al. 2023, arXiv 2310.08358, as its reviewers describe its experiments; the
/// multiclass form of Lyu &amp; Li 2020, ICLR; empirical). Over seeds, with <see cref="TptVerdict"/>'s rule; the
/// distance of the last layer to the SVM direction (svmDistance, Soudry et al. 2018) is plotted alongside.
/// </summary>
public sealed class MarginGrowthClaim : DeepClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("deep-margin-growth-mnist", ClaimKind.Empirical)
    {
        Title = "p_min and the normalised margin grow after the TPT start of an MLP on the MNIST subset",
        Statement =
            "The MLP of deep-nc1-decreases-mnist trained with `seeds` seeds (report seed, seed+1, …); per seed t₀ = first epoch with 100% train accuracy. "
            + "The changes of the train p_min = min_i (z_{i,y_i} − max_{j≠y_i} z_ij) and of the normalised margin p_min/(‖W‖_F max_i‖h_i‖) from t₀ to the last epoch "
            + "are averaged over the seeds that reached t₀ with epochs left: holds when the lower end of the 95% Student-t interval of both mean changes is > 0, "
            + "fails when the upper end of either is < 0, inconclusive otherwise (also with fewer than 2 such seeds). "
            + "svmDistance (every svmEvery-th epoch at 100% train accuracy) is plotted, not judged.",
        Source = "Gao, Xu, Yang, Wen, Shao, Yang, Ghanem, Huang 2023 (arXiv 2310.08358): p_min keeps increasing during TPT (their experiments, as described by the ICLR reviewers); "
            + "Lyu & Li 2020 (ICLR), normalised margin (empirical)",
        References = ["gao2023", "gao2023reviews", "lyu2020"],
        Parameters =
        [
            .. TrainingParameters(trainPerClass: 200, testPerClass: 0, width: 128, depth: 2, epochs: 30, lrMilestones: "15,25"),
            ClaimParameter.Text("dataset", "mnist-subset", "dataset (a --dataset value: mnist-subset, fashion-subset, idx:DIR, cifar10:DIR, gaussian:…)"),
            ClaimParameter.Int("seeds", 3, "number of seeds (report seed, seed+1, …)", min: 1, max: 1000),
            ClaimParameter.Int("svmEvery", 2, "svmDistance every this many epochs at 100% train accuracy (0 = never)", min: 0),
            ClaimParameter.Text("direction", "forward", "the order in which the curves are judged: forward (the statement) or reversed, last epoch first (a negative control of the "
                + "verdict rule: a reversed trend must fail, falsifier)", "forward", "reversed"),
        ],
        Falsifiers =
        [
            Falsifier.Of("margin-growth-reversed", "the margins at t₀ and at the last epoch swapped (a declining p_min must fail)", ("direction", "reversed")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = LoadData(p, p.Text("dataset"));
        var options = Training(p) with { SvmEvery = p.Int("svmEvery") };
        options.Validate();
        var seeds = Seeds(p, context);
        var trained = Train(data, seeds.Select(seed => options with { Seed = seed }).ToList());
        var runs = seeds.Select((seed, i) => (Seed: seed, Run: trained[i])).ToList();
        var parameters = Effective(p, context);
        var reversed = p.Text("direction") == "reversed";
        var verdict = TptVerdict.Judge(runs.Select(r => TptRunSummary.Of(r.Seed, r.Run.Epochs)).Select(s => reversed ? Reversed(s) : s).ToList(), parameters);
        var pmin = TptVerdict.VerdictOf(verdict.MinMarginGrowth);
        var normalized = TptVerdict.VerdictOf(verdict.NormalizedMarginGrowth);
        var combined = pmin == Verdict.Fails || normalized == Verdict.Fails ? Verdict.Fails
            : pmin == Verdict.Holds && normalized == Verdict.Holds ? Verdict.Holds : Verdict.Inconclusive;
        var svm = runs.SelectMany(r => r.Run.Epochs).Where(e => e.SvmDistance is not null).ToList();
        var svmText = svm.Count == 0 ? "no svmDistance measured"
            : $"svmDistance over {svm.Count} epochs in [{F(svm.Min(e => e.SvmDistance!.Value))}, {F(svm.Max(e => e.SvmDistance!.Value))}], "
              + $"per seed first → last: {string.Join("; ", runs.Select(r => SvmTrend(r.Seed, r.Run.Epochs)))} ({F(svm.Sum(e => e.SvmSeconds))} s of SVM solves)";
        var detail = $"{data.Name}, {data.Train.Count} train images, seeds {string.Join(",", runs.Select(r => r.Seed))}; "
                     + $"per seed t₀ and p_min at t₀ → last: {string.Join("; ", verdict.Runs.Select(Describe))}. {verdict.MarginClaim.Detail}; "
                     + $"p_min {pmin.ToString().ToLowerInvariant()}, normalised margin {normalized.ToString().ToLowerInvariant()}. {svmText}.";
        var result = new ClaimResult(Info.Id, parameters, verdict.MinMarginGrowth.Mean, 0.0, verdict.MinMarginGrowth.Mean - verdict.MinMarginGrowth.Lower,
            combined, context.Seed, detail);
        return new ClaimEvidence(result) { Plots = Plots(runs) };
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
        ? $"seed {s.Seed}: t₀ = {t}, {F(s.MinMarginAtStart)} → {F(s.MinMarginFinal)} (normalised {F(s.NormalizedMarginAtStart)} → {F(s.NormalizedMarginFinal)})"
        : $"seed {s.Seed}: never at 100%";

    private static string SvmTrend(int seed, IReadOnlyList<EpochRecord> epochs)
    {
        var measured = epochs.Where(e => e.SvmDistance is not null).ToList();
        return measured.Count == 0 ? $"seed {seed}: none"
            : $"seed {seed}: {F(measured[0].SvmDistance!.Value)} (epoch {measured[0].Epoch}) → {F(measured[^1].SvmDistance!.Value)} (epoch {measured[^1].Epoch})";
    }

    private static IReadOnlyList<PlotSpec> Plots(IReadOnlyList<(int Seed, TrainingResult Run)> runs)
    {
        var markers = runs.Where(r => r.Run.InterpolationEpoch is not null)
            .GroupBy(r => r.Run.InterpolationEpoch!.Value).OrderBy(g => g.Key)
            .Select(g => new PlotMarker(g.Key, $"TPT start t₀ = {g.Key} (seed {string.Join(", ", g.Select(r => r.Seed))})")).ToList();
        PlotSpec PerSeed(string title, string yLabel, Func<EpochRecord, double?> value, string caption) =>
            new(title, DeepPlots.EpochLabel, yLabel, false, false,
                DeepPlots.NonEmpty(runs.Select(r => DeepPlots.Series($"seed {r.Seed}", r.Run.Epochs, value, logY: false))))
            { Markers = markers, Caption = caption };
        return DeepPlots.Drawable(
        [
            PerSeed("Minimum train margin p_min vs epoch", "p_min", r => r.Train?.Margins?.MinMargin,
                "p_min > 0 exactly at 100% train accuracy; the claim is that it keeps growing after the TPT start (markers)."),
            PerSeed("Normalised margin vs epoch", "p_min / (‖W‖_F max‖h_i‖)", r => r.Train?.Margins?.NormalizedMargin,
                "The scale-free margin: growth of p_min by mere rescaling of W and h does not count here."),
            PerSeed("Distance of the last layer to the SVM direction vs epoch", "svmDistance", r => r.SvmDistance,
                "‖[W b]/‖[W b]‖ − W_svm/‖W_svm‖‖_F to the certified multi-class SVM of the current train features (epochs at 100% train accuracy only); "
                + "gradient descent on CE with fixed separable features would drive it to 0 (Soudry et al. 2018)."),
        ]);
    }
}
