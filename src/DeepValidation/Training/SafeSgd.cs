using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// Mini-batch SGD with heavy-ball momentum and L2 weight decay, the update of TorchSharp's (and PyTorch's)
/// <c>optim.SGD</c> without dampening or Nesterov: g ← ∇θ + λθ; b ← g at the first step, else b ← μb + g; θ ← θ − η b,
/// with the same tensor operations in the same order (so the same float32 results). Unlike TorchSharp's
/// implementation, every <see cref="Scalar"/> it passes to libtorch is held in a field for as long as it is used
/// (<see cref="KeptScalars"/> explains the finalizer race this avoids); momentum buffers are detached from dispose
/// scopes and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class SafeSgd : IDisposable
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Tensor?[] _buffers;
    private readonly double _momentum, _weightDecay;
    private readonly Scalar _momentumScalar, _weightDecayScalar, _one;
    private Scalar _minusLr;
    private double _lr;

    /// <summary>Creates the optimiser for <paramref name="parameters"/> (the trainable ones).</summary>
    public SafeSgd(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToList();
        _buffers = new Tensor?[_parameters.Count];
        _momentum = momentum;
        _weightDecay = weightDecay;
        _momentumScalar = momentum.ToScalar();
        _weightDecayScalar = weightDecay.ToScalar();
        _one = 1.0.ToScalar(); // 1 − dampening with dampening 0, as TorchSharp's SGD passes it
        _lr = learningRate;
        _minusLr = (-learningRate).ToScalar();
    }

    /// <summary>The learning rate η of the next steps.</summary>
    public double LearningRate
    {
        get => _lr;
        set
        {
            if (value == _lr) return;
            var old = _minusLr;
            _lr = value;
            _minusLr = (-value).ToScalar();
            old.Dispose();
        }
    }

    /// <summary>Zeroes the gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            using var noGrad = no_grad();
            p.grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var param = _parameters[i];
            var grad = param.grad;
            if (grad is null) continue;
            if (_weightDecay != 0) grad = grad.add(param, alpha: _weightDecayScalar);
            if (_momentum != 0)
            {
                if (_buffers[i] is not { } buf)
                {
                    _buffers[i] = buf = grad.clone().detach().DetachFromDisposeScope();
                }
                else
                {
                    buf.mul_(_momentumScalar).add_(grad, alpha: _one);
                }
                grad = buf;
            }
            param.add_(grad, alpha: _minusLr);
        }
        GC.KeepAlive(this);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var b in _buffers) b?.Dispose();
        Array.Clear(_buffers);
        _momentumScalar.Dispose();
        _weightDecayScalar.Dispose();
        _one.Dispose();
        _minusLr.Dispose();
    }
}
