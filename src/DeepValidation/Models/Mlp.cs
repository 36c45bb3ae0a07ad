using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// Fully connected feature extractor: flatten, then <c>depth</c> × (Linear → [BatchNorm1d] → ReLU). The output of
/// the last ReLU is the penultimate-layer feature h ∈ R^width, as in the MLP experiments of Papyan, Han, Donoho 2020.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the extractor for inputs of <paramref name="inputSize"/> values.</summary>
    public Mlp(int inputSize, int width, int depth, bool batchNorm) : base(nameof(Mlp))
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "depth must be at least 1");
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var fanIn = inputSize;
        for (var i = 0; i < depth; i++)
        {
            modules.Add(($"fc{i}", Linear(fanIn, width)));
            if (batchNorm) modules.Add(($"bn{i}", new SafeBatchNorm(width)));
            modules.Add(($"relu{i}", ReLU()));
            fanIn = width;
        }
        layers = Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.forward(input.flatten(1));
}
