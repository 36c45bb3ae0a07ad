using Collapse.DeepValidation.Training;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// One run seen through the terminal phase of training (TPT, Papyan, Han, Donoho 2020): the TPT start t₀ is the
/// first measured epoch with 100% train accuracy; every "start" value is read at t₀ and every "final" value at the
/// last measured epoch.
/// </summary>
/// <param name="Seed">Seed of the run.</param>
/// <param name="TptStartEpoch">t₀, or null when the run never reached 100% train accuracy.</param>
/// <param name="FinalEpoch">Last measured epoch.</param>
/// <param name="TestAccuracyAtStart">Test accuracy at t₀.</param>
/// <param name="TestAccuracyFinal">Test accuracy at the last epoch.</param>
/// <param name="MinMarginAtStart">Train p_min at t₀.</param>
/// <param name="MinMarginFinal">Train p_min at the last epoch.</param>
/// <param name="NormalizedMarginAtStart">Train p_min/(||W||_F·max||h||) at t₀.</param>
/// <param name="NormalizedMarginFinal">The same at the last epoch.</param>
/// <param name="Nc1AtStart">Train nc1 at t₀.</param>
/// <param name="Nc1Final">Train nc1 at the last epoch.</param>
public sealed record TptRunSummary(
    int Seed, int? TptStartEpoch, int FinalEpoch,
    double TestAccuracyAtStart, double TestAccuracyFinal,
    double MinMarginAtStart, double MinMarginFinal,
    double NormalizedMarginAtStart, double NormalizedMarginFinal,
    double Nc1AtStart, double Nc1Final)
{
    /// <summary>Test-accuracy gain after the TPT start: final − at t₀ (NaN without a TPT).</summary>
    public double TestAccuracyGain => TestAccuracyFinal - TestAccuracyAtStart;

    /// <summary>Growth of p_min after the TPT start.</summary>
    public double MinMarginGrowth => MinMarginFinal - MinMarginAtStart;

    /// <summary>Growth of the normalised margin after the TPT start.</summary>
    public double NormalizedMarginGrowth => NormalizedMarginFinal - NormalizedMarginAtStart;

    /// <summary>Number of epochs trained after t₀.</summary>
    public int EpochsInTpt => TptStartEpoch is int t ? FinalEpoch - t : 0;

    /// <summary>Reads the summary off per-epoch records (measured epochs only; test values need test measurements).</summary>
    public static TptRunSummary Of(int seed, IReadOnlyList<EpochRecord> epochs)
    {
        var measured = epochs.Where(e => e.Train is not null).ToList();
        if (measured.Count == 0) throw new ArgumentException("no measured epoch", nameof(epochs));
        var last = measured[^1];
        var start = measured.FirstOrDefault(e => e.Train!.Accuracy == 1.0);
        double TestAcc(EpochRecord? e) => e?.Test?.Accuracy ?? double.NaN;
        double Pmin(EpochRecord? e) => e?.Train?.Margins?.MinMargin ?? double.NaN;
        double Norm(EpochRecord? e) => e?.Train?.Margins?.NormalizedMargin ?? double.NaN;
        double Nc1(EpochRecord? e) => e?.Train?.Nc1 ?? double.NaN;
        return new TptRunSummary(seed, start?.Epoch, last.Epoch,
            TestAcc(start), TestAcc(last), Pmin(start), Pmin(last), Norm(start), Norm(last), Nc1(start), Nc1(last));
    }
}
