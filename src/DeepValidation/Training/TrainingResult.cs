namespace Collapse.DeepValidation.Training;

/// <summary>Outcome of one training run.</summary>
/// <param name="Epochs">One record per epoch trained, in order.</param>
/// <param name="InterpolationEpoch">First measured epoch with 100% train accuracy (the TPT start), or null if never reached.</param>
/// <param name="Classes">K.</param>
/// <param name="FeatureDimension">d.</param>
/// <param name="Permutation">The label permutation π of a fixed classifier (null when the classifier was trained).</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> Epochs, int? InterpolationEpoch, int Classes, int FeatureDimension, int[]? Permutation)
{
    /// <summary>Wall seconds of the whole training (optimisation, measurements, SVM solves) in the process that ran it.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The last measured epoch.</summary>
    public EpochRecord LastMeasured => Epochs.Last(e => e.Train is not null);
}
