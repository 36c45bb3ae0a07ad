using System.CommandLine;
using System.Globalization;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Collapse.Theory.Validation;

namespace Collapse.Cli.Commands;

/// <summary>The training flags shared by <c>collapse deep train</c>, <c>tpt</c> and <c>permutations</c>.</summary>
public sealed class DeepFlags
{
    /// <summary>--dataset.</summary>
    public Option<string> Dataset { get; } = new("--dataset")
    {
        Description = "mnist-subset | fashion-subset | idx:DIR | cifar10:DIR | "
        + "gaussian:k=10,d=32,n=100,test=200,sep=4,noise=1,geometry=etf|random|hetero,seed=0",
        Required = true
    };
    /// <summary>--model.</summary>
    public Option<string> Model { get; } = new("--model") { Description = "mlp | cnn | resnet", DefaultValueFactory = _ => "mlp" };
    /// <summary>--width.</summary>
    public Option<int> Width { get; } = new("--width") { Description = "MLP hidden width (= feature dim); CNN/ResNet base channels", DefaultValueFactory = _ => 128 };
    /// <summary>--depth.</summary>
    public Option<int> Depth { get; } = new("--depth") { Description = "MLP hidden layers; CNN conv blocks; ResNet blocks per stage", DefaultValueFactory = _ => 2 };
    /// <summary>--no-batch-norm.</summary>
    public Option<bool> NoBatchNorm { get; } = new("--no-batch-norm") { Description = "MLP without batch normalisation" };
    /// <summary>--epochs.</summary>
    public Option<int> Epochs { get; } = new("--epochs") { Description = "maximum number of epochs", DefaultValueFactory = _ => 30 };
    /// <summary>--tpt-epochs.</summary>
    public Option<int?> TptEpochs { get; } = new("--tpt-epochs") { Description = "stop this many epochs after train accuracy first reaches 100%" };
    /// <summary>--batch-size.</summary>
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "mini-batch size", DefaultValueFactory = _ => new TrainingOptions().BatchSize };
    /// <summary>--lr.</summary>
    public Option<double> LearningRate { get; } = new("--lr") { Description = "initial learning rate", DefaultValueFactory = _ => 0.05 };
    /// <summary>--momentum.</summary>
    public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 };
    /// <summary>--weight-decay.</summary>
    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay on trainable parameters only", DefaultValueFactory = _ => 5e-4 };
    /// <summary>--lr-milestones.</summary>
    public Option<string?> Milestones { get; } = new("--lr-milestones")
    {
        Description = "comma-separated epochs after which the learning rate is multiplied by --lr-decay (default: after ⌈E/2⌉ "
        + "and ⌈3E/4⌉ of --epochs E; none = constant rate)"
    };
    /// <summary>--lr-decay.</summary>
    public Option<double> LrDecay { get; } = new("--lr-decay") { Description = "learning-rate factor at each milestone", DefaultValueFactory = _ => 0.1 };
    /// <summary>--seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "seed of initialisation and batch order (first seed for multi-seed commands)", DefaultValueFactory = _ => 0 };
    /// <summary>--device.</summary>
    public Option<string> Device { get; } = new("--device") { Description = "cpu | cuda | cuda:N", DefaultValueFactory = _ => "cpu" };
    /// <summary>--train-per-class.</summary>
    public Option<int?> TrainPerClass { get; } = new("--train-per-class") { Description = "keep only the first N training samples of each class" };
    /// <summary>--test-per-class.</summary>
    public Option<int?> TestPerClass { get; } = new("--test-per-class") { Description = "keep only the first N test samples of each class" };
    /// <summary>--threads.</summary>
    public Option<int> Threads { get; } = new("--threads") { Description = "CPU threads for TorchSharp (0 = its default)", DefaultValueFactory = _ => 0 };
    /// <summary>--svm-every (added by <c>train</c> and <c>tpt</c> only, see <see cref="AddSvmEvery"/>).</summary>
    public Option<int> SvmEvery { get; } = new("--svm-every")
    {
        Description = "solve the train features' certified multi-class SVM for svmDistance every N epochs once train accuracy is 100% (and at the last epoch); 0 = never (seconds "
            + "per epoch on the MNIST subset)",
        DefaultValueFactory = _ => 1,
    };
    /// <summary>--out.</summary>
    public Option<string?> Out { get; } = new("--out") { Description = "output folder" };
    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "print the result as JSON" };

    /// <summary>Adds the shared flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[]
                 {
                     Dataset, Model, Width, Depth, NoBatchNorm, Epochs, TptEpochs, BatchSize, LearningRate, Momentum, WeightDecay, Milestones, LrDecay,
                     Seed, Device, TrainPerClass, TestPerClass, Threads, Out, Json,
                 })
            command.Options.Add(o);
    }

    /// <summary>Adds <c>--svm-every</c> to <paramref name="command"/> (commands that write epochs.csv).</summary>
    public void AddSvmEvery(Command command) => command.Options.Add(SvmEvery);

    /// <summary>Loads the dataset named by --dataset (with the per-class limits).</summary>
    public DataSplit LoadData(ParseResult parse)
    {
        foreach (var o in new[] { TrainPerClass, TestPerClass })
            if (parse.GetValue(o) is { } n && n < 1) throw new InputException($"{o.Name} {n}: must be at least 1");
        return DatasetCatalog.Load(parse.GetValue(Dataset)!, parse.GetValue(TrainPerClass), parse.GetValue(TestPerClass));
    }

    /// <summary>The row scale of a fixed classifier (<c>--etf-scale</c>): finite and positive.</summary>
    public static double EtfScale(double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new InputException($"--etf-scale {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: must be a finite positive number");

    /// <summary>Training options from the flags (no fixed classifier; callers add it).</summary>
    public TrainingOptions Options(ParseResult parse)
    {
        var threads = parse.GetValue(Threads);
        if (threads < 0) throw new InputException($"--threads {threads}: must be non-negative");
        TorchRuntime.EnsureConfigured(); // before libtorch starts its thread pools (MKL_DYNAMIC, oneDNN ISA)
        if (threads > 0) TorchSharp.torch.set_num_threads(threads);
        var options = new TrainingOptions
        {
            Model = new ModelConfig(ParseModel(parse.GetValue(Model)!), parse.GetValue(Width), parse.GetValue(Depth), !parse.GetValue(NoBatchNorm)),
            Epochs = parse.GetValue(Epochs),
            EpochsAfterInterpolation = parse.GetValue(TptEpochs),
            BatchSize = parse.GetValue(BatchSize),
            LearningRate = parse.GetValue(LearningRate),
            Momentum = parse.GetValue(Momentum),
            WeightDecay = parse.GetValue(WeightDecay),
            LearningRateMilestones = ParseMilestones(parse.GetValue(Milestones), parse.GetValue(Epochs)),
            LearningRateDecay = parse.GetValue(LrDecay),
            Seed = parse.GetValue(Seed),
            Device = parse.GetValue(Device)!,
        };
        options.Validate();
        DeviceSelector.Resolve(options.Device);
        return options;
    }

    /// <summary>
    /// <c>--lr-milestones</c>: absent → <see cref="TrainingOptions.DefaultMilestones"/>(epochs); <c>none</c> → a constant
    /// learning rate; otherwise a comma-separated list of epochs.
    /// </summary>
    public static IReadOnlyList<int> ParseMilestones(string? value, int epochs) =>
        value is null ? TrainingOptions.DefaultMilestones(epochs)
        : value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? []
        : ParseIntList(value, "--lr-milestones");

    /// <summary>Parses <c>mlp|cnn|resnet</c>.</summary>
    public static ModelKind ParseModel(string value) => value.Trim().ToLowerInvariant() switch
    {
        "mlp" => ModelKind.Mlp,
        "cnn" => ModelKind.Cnn,
        "resnet" => ModelKind.ResNet,
        _ => throw new InputException($"--model {value}: expected mlp, cnn or resnet"),
    };

    /// <summary>Parses <c>etf|hetero</c> (and <c>both</c> into both kinds).</summary>
    public static IReadOnlyList<FixedClassifierKind> ParseClassifiers(string value, bool allowBoth, string flag = "--classifier") => value.Trim().ToLowerInvariant() switch
    {
        "etf" => [FixedClassifierKind.Etf],
        "hetero" or "heterogeneous" => [FixedClassifierKind.Heterogeneous],
        "both" when allowBoth => [FixedClassifierKind.Etf, FixedClassifierKind.Heterogeneous],
        _ => throw new InputException($"{flag} {value}: expected etf, hetero{(allowBoth ? " or both" : "")}"),
    };

    /// <summary>Parses a comma-separated list of integers (empty/null → empty list).</summary>
    public static IReadOnlyList<int> ParseIntList(string? value, string flag) => InputValidation.ParseIntList(value, flag);
}
