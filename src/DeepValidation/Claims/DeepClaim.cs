using System.Globalization;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory;
using Collapse.Theory.Validation;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Common plumbing of the deep-validation claims: empirical observations on networks trained with TorchSharp on the
/// bundled subsets or on synthetic Gaussian tasks (<see cref="ClaimKind.Empirical"/>, so only the report's
/// <c>full</c> profile runs them). Parameters with defaults, training options built from them, seeds
/// <see cref="ClaimContext.Seed"/>, <see cref="ClaimContext.Seed"/> + 1, … (<see cref="ClaimContext.Cases"/> is not
/// used), and the verdict with its evidence; <see cref="Check"/> is <see cref="CheckWithEvidence"/>'s result (one set of
/// trainings, one code path). Trainings are deterministic on the CPU for a seed and thread count.
/// </summary>
public abstract class DeepClaim : IClaimWithEvidence
{
    /// <inheritdoc />
    public abstract string Id { get; }
    /// <inheritdoc />
    public abstract string Title { get; }
    /// <inheritdoc />
    public abstract string Source { get; }
    /// <inheritdoc />
    public abstract string Statement { get; }
    /// <inheritdoc />
    public ClaimKind Kind => ClaimKind.Empirical;
    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, string> DefaultParameters { get; }
    /// <summary>Runs the check: exactly <c>CheckWithEvidence(context).Result</c>.</summary>
    public ClaimResult Check(ClaimContext context) => CheckWithEvidence(context).Result;
    /// <inheritdoc />
    public abstract ClaimEvidence CheckWithEvidence(ClaimContext context);

    /// <summary>
    /// The training parameters every deep claim has (name → default): <c>trainPerClass</c>/<c>testPerClass</c> (0 = all),
    /// MLP <c>width</c>, <c>depth</c>, <c>epochs</c>, <c>lrMilestones</c> (comma-separated, may be empty), <c>lr</c>,
    /// <c>weightDecay</c>, <c>batchSize</c>.
    /// </summary>
    protected static Dictionary<string, string> TrainingDefaults(int trainPerClass, int testPerClass, int width, int depth, int epochs,
        string lrMilestones, double lr = 0.05, double weightDecay = 5e-4, int batchSize = 128) => new()
    {
        ["trainPerClass"] = I(trainPerClass), ["testPerClass"] = I(testPerClass), ["width"] = I(width), ["depth"] = I(depth),
        ["epochs"] = I(epochs), ["lrMilestones"] = lrMilestones, ["lr"] = F(lr), ["weightDecay"] = F(weightDecay), ["batchSize"] = I(batchSize),
    };

    /// <summary>Loads <paramref name="dataset"/> (a <c>--dataset</c> value) with the claim's per-class limits.</summary>
    protected DataSplit LoadData(ClaimContext context, string dataset)
    {
        var train = context.GetInt(this, "trainPerClass");
        var test = context.GetInt(this, "testPerClass");
        if (train < 0) throw new InputException($"--param {Id}:trainPerClass={train}: must be non-negative (0 = all)");
        if (test < 0) throw new InputException($"--param {Id}:testPerClass={test}: must be non-negative (0 = all)");
        return DatasetCatalog.Load(dataset, train == 0 ? null : train, test == 0 ? null : test);
    }

    /// <summary>Training options from the claim's parameters (MLP with batch norm, test set measured every epoch).</summary>
    protected TrainingOptions Training(ClaimContext context)
    {
        var options = new TrainingOptions
        {
            Model = new ModelConfig(ModelKind.Mlp, context.GetInt(this, "width"), context.GetInt(this, "depth")),
            Epochs = context.GetInt(this, "epochs"),
            LearningRate = context.GetDouble(this, "lr"),
            WeightDecay = context.GetDouble(this, "weightDecay"),
            BatchSize = context.GetInt(this, "batchSize"),
            LearningRateMilestones = IntList(context, "lrMilestones"),
            MeasureEvery = 1,
            MeasureTest = true,
            SvmEvery = 0,
        };
        options.Validate();
        return options;
    }

    /// <summary>
    /// Trains <paramref name="jobs"/> on <paramref name="data"/> with <see cref="TrainingRunners.Default"/> (in child
    /// processes under the CLI). A training killed twice by a native fault throws <see cref="TrainingCrashedException"/>,
    /// which makes the claim Inconclusive naming the signal.
    /// </summary>
    protected static IReadOnlyList<TrainingResult> Train(DataSplit data, IReadOnlyList<TrainingOptions> jobs) =>
        TrainingRunners.Default.TrainAll(data, jobs);

    /// <summary>The seeds of a multi-seed claim: <c>seeds</c> consecutive seeds from <see cref="ClaimContext.Seed"/>.</summary>
    protected IReadOnlyList<int> Seeds(ClaimContext context, int minimum = 1)
    {
        var count = context.GetInt(this, "seeds");
        if (count < minimum) throw new InputException($"--param {Id}:seeds={count}: at least {minimum} needed");
        return Enumerable.Range(0, count).Select(i => context.Seed + i).ToList();
    }

    /// <summary>A comma-separated list of integers (empty → empty list).</summary>
    protected IReadOnlyList<int> IntList(ClaimContext context, string name)
    {
        var raw = context.Raw(this, name);
        return InputValidation.ParseIntList(raw, $"--param {Id}:{name}={raw}");
    }

    /// <summary>Effective parameters (defaults overridden by the context) as strings, plus <paramref name="extra"/>.</summary>
    protected IReadOnlyDictionary<string, string> Effective(ClaimContext context, params (string Key, string Value)[] extra)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in DefaultParameters.Keys) d[key] = context.Raw(this, key);
        d["seed"] = I(context.Seed);
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }

    /// <summary>Invariant short number ("n/a" for NaN).</summary>
    protected static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Invariant integer.</summary>
    protected static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
