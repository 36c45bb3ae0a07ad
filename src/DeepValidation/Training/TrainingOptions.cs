using Collapse.DeepValidation.Models;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// How to train one network: SGD with momentum and weight decay (decay only on trainable parameters), a step
/// learning-rate schedule, a fixed number of epochs (optionally stopping a set number of epochs after the train
/// accuracy first reaches 100%), and what to measure and export.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Architecture.</summary>
    public ModelConfig Model { get; init; } = new(ModelKind.Mlp);

    /// <summary>Maximum number of epochs E.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>If set, stop this many epochs after the first epoch with 100% train accuracy (the TPT start).</summary>
    public int? EpochsAfterInterpolation { get; init; }

    /// <summary>
    /// Mini-batch size. Default 32: with the default step schedule it is the smallest change to the former 128 that
    /// brings the MLP on the MNIST subset to a stable 100% train accuracy within 30 epochs for seeds 0–4
    /// (docs/deep-validation.md, "Default recipe").
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay, applied only to parameters that are trained (never to a fixed classifier).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>
    /// Epochs after which the learning rate is multiplied by <see cref="LearningRateDecay"/>. Default
    /// <see cref="DefaultMilestones"/>(30) = 15, 23, the default schedule for the default 30 epochs (for other epoch
    /// counts use <see cref="DefaultMilestones"/>(E), as <c>collapse deep</c> does); empty = a constant learning rate.
    /// </summary>
    public IReadOnlyList<int> LearningRateMilestones { get; init; } = DefaultMilestones(30);

    /// <summary>
    /// The default step schedule for <paramref name="epochs"/> epochs: decay after ⌈E/2⌉ and ⌈3E/4⌉ epochs (milestones
    /// before the last epoch only). Without a decay SGD's noise at the initial rate keeps a few training samples
    /// misclassified (train accuracy oscillating at 0.999–0.9998 on the MNIST subset); after the first decay the
    /// network interpolates and stays there (docs/deep-validation.md, "Default recipe").
    /// </summary>
    public static IReadOnlyList<int> DefaultMilestones(int epochs)
    {
        var list = new List<int>();
        foreach (var m in new[] { (epochs + 1) / 2, (3 * epochs + 3) / 4 })
            if (m >= 1 && m < epochs && !list.Contains(m)) list.Add(m);
        return list;
    }

    /// <summary>Factor of the step schedule.</summary>
    public double LearningRateDecay { get; init; } = 0.1;

    /// <summary>Fixed last layer, or null to train it (with a bias).</summary>
    public FixedClassifier? FixedClassifier { get; init; }

    /// <summary>Seed of the initialisation and of the mini-batch order.</summary>
    public int Seed { get; init; }

    /// <summary><c>cpu</c> or <c>cuda</c> / <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Measure every this-many epochs (the first and last epochs are always measured); 0 = last epoch only.</summary>
    public int MeasureEvery { get; init; } = 1;

    /// <summary>
    /// Solve the train features' multi-class SVM for <see cref="EpochRecord.SvmDistance"/> at measured epochs with 100%
    /// train accuracy whose number is a multiple of this (and at the last epoch); 0 = never. The certified SVM costs
    /// seconds per epoch on the MNIST subset (docs/deep-validation.md), more than the epoch itself.
    /// </summary>
    public int SvmEvery { get; init; } = 1;

    /// <summary>Compute NC metrics on the test features too (costs one more pass).</summary>
    public bool MeasureTest { get; init; } = true;

    /// <summary>Epochs at which features, labels, classifier and bias are exported as .npy (needs an output folder).</summary>
    public IReadOnlyList<int> ExportEpochs { get; init; } = [];

    /// <summary>The deepest network <see cref="Validate"/> accepts (layers or blocks).</summary>
    public const int MaxDepth = 1000;

    /// <summary>Validates ranges; throws <see cref="Collapse.Theory.InputException"/> naming the flag.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new Collapse.Theory.InputException(message); }
        Require(Epochs >= 1, $"--epochs {Epochs}: must be at least 1");
        Require(EpochsAfterInterpolation is null or >= 0, $"--tpt-epochs {EpochsAfterInterpolation}: must be non-negative");
        Require(BatchSize >= 1, $"--batch-size {BatchSize}: must be at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"--lr {LearningRate}: must be positive");
        Require(Momentum >= 0 && Momentum < 1, $"--momentum {Momentum}: must be in [0, 1)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"--weight-decay {WeightDecay}: must be non-negative");
        Require(LearningRateDecay > 0 && LearningRateDecay <= 1, $"--lr-decay {LearningRateDecay}: must be in (0, 1]");
        Require(MeasureEvery >= 0, $"--measure-every {MeasureEvery}: must be non-negative");
        Require(SvmEvery >= 0, $"--svm-every {SvmEvery}: must be non-negative");
        Require(Model.Width >= 1, $"--width {Model.Width}: must be at least 1");
        Require(Model.Depth >= 1, $"--depth {Model.Depth}: must be at least 1");
        Require(Model.Depth <= MaxDepth, $"--depth {Model.Depth}: at most {MaxDepth}");
        foreach (var m in LearningRateMilestones) Require(m >= 1, $"--lr-milestones: epoch {m} must be at least 1");
        foreach (var e in ExportEpochs) Require(e >= 1, $"--export-epochs: epoch {e} must be at least 1");
    }
}
