using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// A classifier network split as in the neural-collapse literature (Papyan, Han, Donoho 2020): a feature extractor
/// h = f(x; θ) ∈ R^d (the penultimate layer) and a linear last layer z = W h + b with W ∈ R^{K×d}. The last layer is
/// either trained (with a bias) or fixed to a given matrix (no bias, no gradient, no weight decay).
/// </summary>
public sealed class DeepNetwork : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> body;
    private readonly Linear head;

    /// <summary>Creates the network.</summary>
    /// <param name="body">Feature extractor producing N×d features.</param>
    /// <param name="featureDimension">d.</param>
    /// <param name="classes">K.</param>
    /// <param name="fixedClassifier">If given (K×d row-major, float64), the last layer is set to it, has no bias, and is frozen.</param>
    public DeepNetwork(Module<Tensor, Tensor> body, int featureDimension, int classes, double[]? fixedClassifier) : base(nameof(DeepNetwork))
    {
        Training.TorchRuntime.EnsureConfigured();
        this.body = body;
        FeatureDimension = featureDimension;
        Classes = classes;
        IsClassifierFixed = fixedClassifier is not null;
        head = Linear(featureDimension, classes, hasBias: fixedClassifier is null);
        if (fixedClassifier is not null)
        {
            if (fixedClassifier.Length != classes * featureDimension)
                throw new ArgumentException($"fixed classifier has {fixedClassifier.Length} values, {classes}×{featureDimension} expected", nameof(fixedClassifier));
            using (no_grad())
            {
                using var w = tensor(fixedClassifier, [classes, featureDimension], ScalarType.Float32);
                head.weight!.copy_(w);
            }
            head.weight!.requires_grad = false;
        }
        RegisterComponents();
    }

    /// <summary>Feature dimension d.</summary>
    public int FeatureDimension { get; }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>True when the last layer is frozen (fixed classifier, no bias).</summary>
    public bool IsClassifierFixed { get; }

    /// <summary>Penultimate-layer features h = f(x), N×d.</summary>
    public Tensor Features(Tensor input) => body.forward(input);

    /// <summary>Logits z = W h + b from features.</summary>
    public Tensor Logits(Tensor features) => head.forward(features);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var h = body.forward(input);
        return head.forward(h);
    }

    /// <summary>The last layer's weight W (K×d) as row-major float64 on the CPU.</summary>
    public double[] ClassifierWeights()
    {
        using var scope = NewDisposeScope();
        return head.weight!.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>The last layer's bias b (length K), or null when the layer has none.</summary>
    public double[]? ClassifierBias()
    {
        if (head.bias is null) return null;
        using var scope = NewDisposeScope();
        return head.bias.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>Parameters that receive gradients (the frozen classifier is excluded), for the optimiser and weight decay.</summary>
    public IEnumerable<Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);

    /// <summary>Builds the feature extractor of <paramref name="config"/> for samples of shape <paramref name="sampleShape"/>.</summary>
    public static Module<Tensor, Tensor> CreateBody(ModelConfig config, IReadOnlyList<int> sampleShape)
    {
        Training.TorchRuntime.EnsureConfigured();
        var (size, channels) = CheckArchitecture(config, sampleShape);
        return config.Kind switch
        {
            ModelKind.Mlp => new Mlp(size, config.Width, config.Depth, config.BatchNorm),
            ModelKind.Cnn => new SmallCnn(channels, config.Width, config.Depth),
            ModelKind.ResNet => new SmallResNet(channels, config.Width, config.Depth),
            _ => throw new ArgumentOutOfRangeException(nameof(config)),
        };
    }

    /// <summary>
    /// Checks, without allocating anything, that <paramref name="config"/> can be built for samples of shape
    /// <paramref name="sampleShape"/>: images for the CNN/ResNet, at most <see cref="ModelConfig.MaxWeights"/> weights,
    /// and images large enough for the CNN's 2×2 poolings. Returns the values per sample and the image channels.
    /// </summary>
    /// <exception cref="Collapse.Theory.InputException">The architecture does not fit the data or the memory (naming the flag).</exception>
    public static (int InputSize, int Channels) CheckArchitecture(ModelConfig config, IReadOnlyList<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sampleShape);
        var size = 1L;
        foreach (var s in sampleShape) size *= s;
        var channels = config.Kind == ModelKind.Mlp ? 1 : ImageChannels(sampleShape, config.Kind == ModelKind.Cnn ? "cnn" : "resnet");
        config.CheckSize(size, channels);
        if (config.Kind == ModelKind.Cnn && Math.Min(sampleShape[1], sampleShape[2]) >> Math.Min(config.Depth - 1, 30) < 1)
            throw new Collapse.Theory.InputException($"--model cnn --depth {config.Depth}: {config.Depth - 1} 2×2 poolings need images of at least 2^{config.Depth - 1} pixels a side, the "
                + $"dataset's are {sampleShape[1]}×{sampleShape[2]}");
        return ((int)size, channels);
    }

    private static int ImageChannels(IReadOnlyList<int> sampleShape, string model)
    {
        if (sampleShape.Count != 3)
            throw new Collapse.Theory.InputException($"--model {model}: needs image inputs (channels, height, width), the dataset gives samples of shape [{string.Join(", ", sampleShape)}]");
        return sampleShape[0];
    }
}
