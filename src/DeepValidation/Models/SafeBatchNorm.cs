using Collapse.DeepValidation.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// Batch normalisation over the channel dimension 1 (BatchNorm1d for N×C inputs, BatchNorm2d for N×C×H×W), the
/// computation of TorchSharp's <c>BatchNorm1d</c>/<c>BatchNorm2d</c> (affine, running statistics with momentum 0.1,
/// ε = 1e-5, the same initialisation, the same <c>functional.batch_norm</c> call) except that the per-step
/// <c>num_batches_tracked += 1</c> passes a Scalar that is kept alive (<see cref="KeptScalars"/>): TorchSharp's module
/// passes an implicit, collectable one, which a garbage collection on another thread can free during the call.
/// </summary>
public sealed class SafeBatchNorm : Module<Tensor, Tensor>
{
    private const double Momentum = 0.1;
    private const double Epsilon = 1e-5;

    /// <summary>Creates the layer for <paramref name="features"/> channels.</summary>
    public SafeBatchNorm(long features) : base(nameof(SafeBatchNorm))
    {
        register_parameter("weight", new Parameter(ones(features)));
        register_parameter("bias", new Parameter(zeros(features)));
        register_buffer("running_mean", zeros(features));
        register_buffer("running_var", ones(features));
        register_buffer("num_batches_tracked", tensor(0L));
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2) throw new ArgumentException($"batch norm needs N×C… inputs, got {input.dim()} dimensions", nameof(input));
        // Looked up by name, not held in fields: Module.to(device) replaces the registered tensors.
        var runningMean = get_buffer("running_mean")!;
        var runningVar = get_buffer("running_var")!;
        if (training)
        {
            using var noGrad = no_grad();
            get_buffer("num_batches_tracked")!.add_(KeptScalars.One, KeptScalars.One); // add_(s) alone would add an implicit alpha
        }
        return functional.batch_norm(input, runningMean, runningVar, get_parameter("weight"), get_parameter("bias"), training, Momentum, Epsilon);
    }
}
