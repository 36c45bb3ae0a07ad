using Collapse.Theory.Metrics;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// What was measured after one epoch: losses and accuracies (evaluation mode, full passes), the NC metrics, margins
/// and CE of docs/conventions.md on the train features and (optionally) on the test features, the class-pair margin
/// matrix γ_kl of the train set, and wall times. Unmeasured epochs carry only the training-side numbers.
/// </summary>
public sealed record EpochRecord
{
    /// <summary>1-based epoch.</summary>
    public required int Epoch { get; init; }
    /// <summary>Learning rate used during the epoch.</summary>
    public required double LearningRate { get; init; }
    /// <summary>Mean mini-batch loss during the epoch (training mode).</summary>
    public required double BatchLoss { get; init; }
    /// <summary>Seconds spent on the epoch's optimisation steps.</summary>
    public required double EpochSeconds { get; init; }
    /// <summary>Seconds spent on the measurements after the epoch (0 when not measured).</summary>
    public double MeasureSeconds { get; init; }
    /// <summary>Metric report on the train features (with the network's last layer), or null when not measured.</summary>
    public MetricReport? Train { get; init; }
    /// <summary>Metric report on the test features, or null.</summary>
    public MetricReport? Test { get; init; }
    /// <summary>
    /// NC1, trace ratio, CDNV and NCC accuracy of the test features about the train class means (test-set collapse,
    /// Hui, Belkin, Nakkiran 2022; <see cref="HeldOutCollapse"/>), or null when the test set is not measured.
    /// </summary>
    public HeldOutCollapseReport? TestAgainstTrainMeans { get; init; }
    /// <summary>Train CE (evaluation mode) = Train.Ce.</summary>
    public double? TrainLoss => Train?.Ce;
    /// <summary>Train accuracy = Train.Accuracy.</summary>
    public double? TrainAccuracy => Train?.Accuracy;
    /// <summary>Test CE.</summary>
    public double? TestLoss => Test?.Ce;
    /// <summary>Test accuracy.</summary>
    public double? TestAccuracy => Test?.Accuracy;
    /// <summary>
    /// Distance of the normalised last layer to the normalised multi-class SVM on the current train features,
    /// ||[W b]/||[W b]||_F − W_svm/||W_svm||_F||_F (the SVM solved on [h 1] when the layer has a bias b; see
    /// <see cref="SvmDistanceTracker"/>); null when not computed: epoch not measured or not an SVM epoch
    /// (<see cref="TrainingOptions.SvmEvery"/>), train accuracy below 100%, or the SVM not certified.
    /// </summary>
    public double? SvmDistance { get; init; }

    /// <summary>Seconds spent solving the SVM for <see cref="SvmDistance"/> (0 when it was not solved; not part of <see cref="MeasureSeconds"/>).</summary>
    public double SvmSeconds { get; init; }

    /// <summary>
    /// Steps of this epoch that were recomputed because the loss or a gradient came out NaN/Inf (a transient native
    /// kernel fault; see <see cref="DeepTrainer.MaxStepAttempts"/>). Zero in a healthy run.
    /// </summary>
    public int RecomputedSteps { get; init; }
}
