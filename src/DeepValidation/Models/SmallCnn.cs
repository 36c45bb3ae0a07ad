using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// Small convolutional feature extractor: <c>depth</c> blocks of Conv3×3 → BatchNorm2d → ReLU → MaxPool2×2 with
/// channels width, 2·width, 4·width, …, then global average pooling; the pooled vector is the feature h.
/// </summary>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the extractor for images with <paramref name="channels"/> input channels.</summary>
    public SmallCnn(int channels, int width, int depth) : base(nameof(SmallCnn))
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "depth must be at least 1");
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var cin = channels;
        for (var i = 0; i < depth; i++)
        {
            var cout = width << i;
            modules.Add(($"conv{i}", Conv2d(cin, cout, 3, padding: 1, bias: false)));
            modules.Add(($"bn{i}", new SafeBatchNorm(cout)));
            modules.Add(($"relu{i}", ReLU()));
            if (i < depth - 1) modules.Add(($"pool{i}", MaxPool2d(2)));
            cin = cout;
        }
        modules.Add(("gap", AdaptiveAvgPool2d(1)));
        modules.Add(("flatten", Flatten()));
        layers = Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.forward(input);
}
