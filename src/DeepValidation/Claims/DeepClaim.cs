using System.Globalization;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Common plumbing of the deep-validation claims: empirical observations on networks trained with TorchSharp on the
/// bundled subsets or on synthetic Gaussian tasks (<see cref="ClaimKind.Empirical"/>, so only the report's
/// <c>full</c> profile runs them). Training options built from the claim's parameters (one parameter path, that of
/// <see cref="Claim"/>), seeds <see cref="ClaimContext.Seed"/>, <see cref="ClaimContext.Seed"/> + 1, …
/// (<see cref="ClaimContext.Cases"/> is not used), and the verdict with its evidence (one set of trainings, one code
/// path). Trainings are deterministic on the CPU for a seed and thread count.
/// </summary>
public abstract class DeepClaim : Claim
{
    /// <summary>
    /// The training parameters every deep claim declares: <c>trainPerClass</c>/<c>testPerClass</c> (0 = all), MLP
    /// <c>width</c>, <c>depth</c>, <c>epochs</c>, <c>lrMilestones</c> (comma-separated, may be empty), <c>lr</c>,
    /// <c>weightDecay</c>, <c>batchSize</c>.
    /// </summary>
    protected static IReadOnlyList<ClaimParameter> TrainingParameters(int trainPerClass, int testPerClass, int width, int depth, int epochs,
        string lrMilestones, double lr = 0.05, double weightDecay = 5e-4, int batchSize = 128) =>
    [
        ClaimParameter.Int("trainPerClass", trainPerClass, "training images per class (0 = all)", min: 0),
        ClaimParameter.Int("testPerClass", testPerClass, "test images per class (0 = all)", min: 0),
        ClaimParameter.Int("width", width, "MLP width", min: 1, max: 100000),
        ClaimParameter.Int("depth", depth, "MLP depth (hidden layers)", min: 1, max: 1000),
        ClaimParameter.Int("epochs", epochs, "training epochs", min: 1, max: 100000),
        ClaimParameter.IntList("lrMilestones", lrMilestones, "epochs at which the learning rate is multiplied by 0.1 (comma-separated, may be empty)", min: 1),
        ClaimParameter.Real("lr", lr, "SGD learning rate", min: 1e-300),
        ClaimParameter.Real("weightDecay", weightDecay, "SGD weight decay", min: 0),
        ClaimParameter.Int("batchSize", batchSize, "mini-batch size", min: 1, max: 10000000),
    ];

    /// <summary>Loads the dataset named by the <c>dataset</c> value <paramref name="dataset"/> with the claim's per-class limits.</summary>
    protected static DataSplit LoadData(ClaimParameters p, string dataset)
    {
        ArgumentNullException.ThrowIfNull(p);
        var train = p.Int("trainPerClass");
        var test = p.Int("testPerClass");
        return DatasetCatalog.Load(dataset, train == 0 ? null : train, test == 0 ? null : test);
    }

    /// <summary>Training options from the claim's parameters (MLP with batch norm, test set measured every epoch).</summary>
    protected static TrainingOptions Training(ClaimParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var options = new TrainingOptions
        {
            Model = new ModelConfig(ModelKind.Mlp, p.Int("width"), p.Int("depth")),
            Epochs = p.Int("epochs"),
            LearningRate = p.Real("lr"),
            WeightDecay = p.Real("weightDecay"),
            BatchSize = p.Int("batchSize"),
            LearningRateMilestones = p.IntList("lrMilestones"),
            MeasureEvery = 1,
            MeasureTest = true,
            SvmEvery = 0,
        };
        options.Validate();
        return options;
    }

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => Training(p);

    /// <summary>
    /// Trains <paramref name="jobs"/> on <paramref name="data"/> with <see cref="TrainingRunners.Default"/> (in child
    /// processes under the CLI). A training killed twice by a native fault throws <see cref="TrainingCrashedException"/>,
    /// which makes the claim Inconclusive naming the signal.
    /// </summary>
    protected static IReadOnlyList<TrainingResult> Train(DataSplit data, IReadOnlyList<TrainingOptions> jobs) =>
        TrainingRunners.Default.TrainAll(data, jobs);

    /// <summary>The seeds of a multi-seed claim: <c>seeds</c> consecutive seeds from <see cref="ClaimContext.Seed"/>.</summary>
    protected static IReadOnlyList<int> Seeds(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return Enumerable.Range(0, p.Int("seeds")).Select(i => context.Seed + i).ToList();
    }

    /// <summary>Effective parameters (as recorded in the result): the claim's, plus the base seed.</summary>
    protected static IReadOnlyDictionary<string, string> Effective(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return p.AsStrings(("seed", I(context.Seed)));
    }

    /// <summary>A number in the display form (<see cref="NumberFormat.Display"/>).</summary>
    protected static string F(double v) => NumberFormat.Display(v);

    /// <summary>Invariant integer.</summary>
    protected static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
