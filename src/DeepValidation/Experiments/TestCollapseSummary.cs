using Collapse.DeepValidation.Training;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Train versus held-out collapse of one training run (Hui, Belkin, Nakkiran 2022): the train nc1 and the nc1 of the
/// test features about the train class means (<see cref="EpochRecord.TestAgainstTrainMeans"/>) at the TPT start t₀ (the
/// first epoch with 100% train accuracy: neural collapse is a terminal-phase phenomenon, Papyan et al. 2020) and at the
/// last measured epoch, their falls (t₀/last), and the transfer τ = ln(test fall)/ln(train fall): the fraction of the
/// train collapse, in decades, that the held-out features follow (1: fully, 0: not at all, &lt; 0: they spread out).
/// </summary>
/// <param name="Seed">Seed of the run.</param>
/// <param name="FirstEpoch">First epoch with both measurements.</param>
/// <param name="LastEpoch">Last epoch with both measurements.</param>
/// <param name="TrainFirst">Train nc1 at <paramref name="FirstEpoch"/>.</param>
/// <param name="TrainLast">Train nc1 at <paramref name="LastEpoch"/>.</param>
/// <param name="HeldOutFirst">Held-out nc1 at <paramref name="FirstEpoch"/>.</param>
/// <param name="HeldOutLast">Held-out nc1 at <paramref name="LastEpoch"/>.</param>
/// <param name="TrainCdnvLast">Train cdnv at the last epoch.</param>
/// <param name="HeldOutCdnvLast">Held-out cdnv (about the train means) at the last epoch.</param>
public sealed record TestCollapseSummary(int Seed, int FirstEpoch, int LastEpoch, double TrainFirst, double TrainLast, double HeldOutFirst,
    double HeldOutLast, double TrainCdnvLast, double HeldOutCdnvLast)
{
    /// <summary>Train nc1 fall, first/last.</summary>
    public double TrainFall => TrainFirst / TrainLast;
    /// <summary>Held-out nc1 fall, first/last.</summary>
    public double HeldOutFall => HeldOutFirst / HeldOutLast;
    /// <summary>τ = ln(held-out fall)/ln(train fall); NaN when the train nc1 did not fall.</summary>
    public double Transfer => TrainFall > 1 ? Math.Log(HeldOutFall) / Math.Log(TrainFall) : double.NaN;
    /// <summary>Held-out over train nc1 at the last epoch.</summary>
    public double FinalGap => HeldOutLast / TrainLast;

    /// <summary>
    /// The summary of one run's records from epoch <paramref name="startEpoch"/> on (the TPT start; 1 = the whole run).
    /// <paramref name="heldOutIsTrain"/> replaces the held-out series by the train series itself (the broken input of the
    /// claims' falsifier). Null when fewer than two epochs from the start have both values.
    /// </summary>
    public static TestCollapseSummary? Of(int seed, IReadOnlyList<EpochRecord> records, int startEpoch = 1, bool heldOutIsTrain = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        var points = records
            .Where(r => r.Epoch >= startEpoch)
            .Where(r => r.Train?.Nc1 is double v && double.IsFinite(v) && v > 0 && r.TestAgainstTrainMeans is { } h && double.IsFinite(h.Nc1) && h.Nc1 > 0)
            .ToList();
        if (points.Count < 2) return null;
        double HeldOut(EpochRecord r) => heldOutIsTrain ? r.Train!.Nc1!.Value : r.TestAgainstTrainMeans!.Nc1;
        double HeldOutCdnv(EpochRecord r) => heldOutIsTrain ? r.Train!.Cdnv : r.TestAgainstTrainMeans!.Cdnv;
        var first = points[0];
        var last = points[^1];
        return new TestCollapseSummary(seed, first.Epoch, last.Epoch, first.Train!.Nc1!.Value, last.Train!.Nc1!.Value, HeldOut(first), HeldOut(last),
            last.Train.Cdnv, HeldOutCdnv(last));
    }
}
