namespace Collapse.DeepValidation.Experiments;

/// <summary>The headline values of a <see cref="TrainingRun"/>, from its last measured epoch.</summary>
/// <param name="Dataset">Name of the data set.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="InterpolationEpoch">First measured epoch with 100% train accuracy, or null if never reached.</param>
/// <param name="TrainAccuracy">Train accuracy.</param>
/// <param name="TestAccuracy">Test accuracy (null when the test set was not measured).</param>
/// <param name="TrainLoss">Mean train CE.</param>
/// <param name="TrainNc1">nc1 of the train features.</param>
/// <param name="TrainMinMargin">p_min of the train features.</param>
/// <param name="MeanEpochSeconds">Mean wall seconds of an epoch.</param>
/// <param name="Output">Full path of the output folder.</param>
public sealed record TrainingRunSummary(string Dataset, int Epochs, int? InterpolationEpoch, double? TrainAccuracy, double? TestAccuracy,
    double? TrainLoss, double? TrainNc1, double? TrainMinMargin, double MeanEpochSeconds, string Output);
