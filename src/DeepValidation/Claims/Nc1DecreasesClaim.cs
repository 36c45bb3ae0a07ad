using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// NC1 decreases while an MLP trains into the terminal phase on the bundled MNIST subset (Papyan, Han, Donoho 2020,
/// PNAS; empirical): the verdict is <see cref="Nc1Trend"/>'s (Spearman ρ(epoch, nc1)).
/// </summary>
public sealed class Nc1DecreasesClaim : DeepClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("deep-nc1-decreases-mnist", ClaimKind.Empirical)
    {
        Title = "NC1 decreases while an MLP trains into the terminal phase on the MNIST subset",
        Statement =
            "An MLP (width × depth, batch norm; default 128 × 2) trained by SGD (momentum 0.9, weight decay, lr decayed ×0.1 at lrMilestones) on "
            + "the bundled MNIST subset (trainPerClass images per class) for `epochs` epochs, one seed: it reaches 100% train accuracy (the TPT start t₀), "
            + "and the train nc1 = Tr(Σ_W Σ_B†)/K measured after every epoch decreases — Spearman ρ(epoch, nc1) ≤ −0.5 and the last nc1 below the first "
            + "(holds); ρ ≥ +0.5 or a last nc1 above 1.1 × the first fails; otherwise, or when 100% train accuracy is never reached, inconclusive.",
        Source = "Papyan, Han, Donoho 2020 (PNAS), \"Prevalence of neural collapse during the terminal phase of deep learning training\" (NC1 decreases in TPT; empirical)",
        References = ["papyan2020"],
        Parameters =
        [
            .. TrainingParameters(trainPerClass: 200, testPerClass: 0, width: 128, depth: 2, epochs: 30, lrMilestones: "15,25"),
            ClaimParameter.Text("dataset", "mnist-subset", "dataset (a --dataset value: mnist-subset, fashion-subset, idx:DIR, cifar10:DIR, gaussian:…)"),
            ClaimParameter.Text("direction", "forward", "the order in which the curves are judged: forward (the statement) or reversed, last epoch first (a negative control of the "
                + "verdict rule: a reversed trend must fail, falsifier)", "forward", "reversed"),
        ],
        Falsifiers =
        [
            Falsifier.Of("nc1-curve-reversed", "the nc1 curve read from the last epoch to the first (a rising nc1 must fail)", ("direction", "reversed")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = LoadData(p, p.Text("dataset"));
        var options = Training(p) with { Seed = context.Seed };
        var run = Train(data, [options])[0];
        var records = run.Epochs;
        var last = run.LastMeasured;
        var t0 = run.InterpolationEpoch;
        var judged = p.Text("direction") == "reversed" ? Reversed(records) : records;
        var trend = Nc1Trend.Judge(judged, Effective(p, context));
        var reached = t0 is int t
            ? $"100% train accuracy from epoch {t}; final train accuracy {F(last.TrainAccuracy ?? double.NaN)}, test accuracy {F(last.TestAccuracy ?? double.NaN)} (epoch {last.Epoch})"
            : $"100% train accuracy never reached in {records.Count} epochs (final train accuracy {F(last.TrainAccuracy ?? double.NaN)})";
        var verdict = t0 is null ? Verdict.Inconclusive : trend.Verdict;
        var result = trend with
        {
            ClaimId = Info.Id,
            Verdict = verdict,
            Seed = context.Seed,
            Detail = $"{data.Name}, {data.Train.Count} train / {data.Test.Count} test images: {trend.Detail}; {reached}.",
        };
        return new ClaimEvidence(result) { Plots = Plots(records, t0, trend) };
    }

    /// <summary>The epochs relabelled last-first (epoch e ↦ first + last − e), so a falling curve reads as a rising one.</summary>
    private static IReadOnlyList<EpochRecord> Reversed(IReadOnlyList<EpochRecord> records)
    {
        if (records.Count == 0) return records;
        var sum = records.Min(r => r.Epoch) + records.Max(r => r.Epoch);
        return records.Select(r => r with { Epoch = sum - r.Epoch }).OrderBy(r => r.Epoch).ToList();
    }

    private static IReadOnlyList<PlotSpec> Plots(IReadOnlyList<EpochRecord> records, int? t0, ClaimResult trend)
    {
        var markers = DeepPlots.TptMarker(t0);
        var nc = new PlotSpec("NC metrics vs epoch", DeepPlots.EpochLabel, "metric", false, true, DeepPlots.NonEmpty(
        [
            DeepPlots.Series("train nc1", records, r => r.Train?.Nc1, logY: true),
            DeepPlots.Series("test nc1", records, r => r.Test?.Nc1, logY: true),
            DeepPlots.Series("train nc3", records, r => r.Train?.Nc3, logY: true),
            DeepPlots.Series("test nc3", records, r => r.Test?.Nc3, logY: true),
            DeepPlots.Series("train etfGramError", records, r => r.Train?.EtfGramError, logY: true),
            DeepPlots.Series("test etfGramError", records, r => r.Test?.EtfGramError, logY: true),
        ]))
        {
            Markers = markers,
            Caption = $"Train nc1 should fall over the epochs ({trend.Detail}); nc3 (classifier vs centred class means) and the ETF Gram "
                      + "error of the class means fall with it when collapse proceeds. The test curves are the same metrics on the test features.",
        };
        var accuracy = new PlotSpec("Accuracy vs epoch", DeepPlots.EpochLabel, "accuracy", false, false, DeepPlots.NonEmpty(
        [
            DeepPlots.Series("train accuracy", records, r => r.TrainAccuracy, logY: false),
            DeepPlots.Series("test accuracy", records, r => r.TestAccuracy, logY: false),
        ]))
        {
            Markers = markers,
            Caption = "The terminal phase starts at the first epoch with 100% train accuracy (marker).",
        };
        return DeepPlots.Drawable([nc, accuracy]);
    }
}
