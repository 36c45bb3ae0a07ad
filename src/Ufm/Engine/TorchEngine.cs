using Collapse.Theory;
using Collapse.Ufm.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Collapse.Ufm.Engine;

/// <summary>
/// UFM step on TorchSharp tensors (CPU or CUDA, float64 or float32) with analytic gradients
/// (no autograd in the hot loop). Layout as in <see cref="ManagedEngine"/>: W K×d, H N×d (row i = h_i), Z = H Wᵀ + 1bᵀ.
/// Each step runs inside its own dispose scope. Step sizes are folded into the small N×K logit gradient before the
/// big rank-K update so that <c>addmm_</c> is called with α = β = 1 (its scalar arguments are single precision).
/// </summary>
internal sealed class TorchEngine : IUfmEngine
{
    private readonly EngineSetup _s;
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly Tensor _w, _h, _y, _mask, _labels;
    private readonly Tensor? _b, _vw, _vh, _vb;
    private readonly double _invN;

    public TorchEngine(EngineSetup setup)
    {
        _s = setup;
        _device = ResolveDevice(setup.Device);
        _dtype = setup.Precision == UfmPrecision.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        var n = setup.Samples;
        _invN = 1.0 / n;
        _w = FromArray(setup.W, setup.Classes, setup.Dim);
        _h = FromArray(setup.H, n, setup.Dim);
        _b = setup.B is null ? null : FromArray(setup.B, setup.Classes);
        var labels = new long[n];
        for (var i = 0; i < n; i++) labels[i] = setup.Labels[i];
        _labels = tensor(labels, new long[] { n, 1 }, device: _device);
        _mask = zeros(new long[] { n, setup.Classes }, ScalarType.Bool, _device).scatter_(1, _labels, ones(new long[] { n, 1 }, ScalarType.Bool, _device));
        _y = _mask.to_type(_dtype);
        if (setup.Momentum > 0)
        {
            if (setup.TrainW) _vw = zeros_like(_w);
            if (setup.TrainH) _vh = zeros_like(_h);
            if (_b is not null) _vb = zeros_like(_b);
        }
    }

    public string Name => $"torch-{(_dtype == ScalarType.Float32 ? "float32" : "float64")}-{_device.type.ToString().ToLowerInvariant()}";

    /// <summary>Maps "cpu"/"cuda" to a TorchSharp device; throws <see cref="InputException"/> when CUDA is unavailable.</summary>
    public static Device ResolveDevice(string device)
    {
        if (device == "cpu") return CPU;
        if (device == "cuda")
        {
            if (!cuda.is_available())
                throw new InputException("--device cuda: CUDA is not available (this build references TorchSharp-cpu; a CUDA build of TorchSharp and an NVIDIA driver are needed), use --device cpu");
            return CUDA;
        }
        throw new InputException($"--device {device}: must be cpu or cuda");
    }

    private Tensor FromArray(double[] values, params long[] shape)
    {
        using var t64 = tensor(values, shape, ScalarType.Float64);
        return t64.to(_dtype, _device).detach();
    }

    public void Step(Func<double, double> stepSize, bool needsLoss)
    {
        using var scope = NewDisposeScope();
        var (g, loss) = LogitGradients(needsLoss, shifted: needsLoss);
        var eta = stepSize(loss);
        var mu = _s.Momentum;

        Tensor? gw = null, gb = null;
        if (_s.TrainW)
        {
            gw = g.t().matmul(_h);
            if (_s.LambdaW != 0.0) gw.add_(_w, _s.LambdaW);
        }
        if (_b is not null)
        {
            gb = g.sum(0L, keepdim: false);
            if (_s.LambdaB != 0.0) gb.add_(_b, _s.LambdaB);
        }
        if (_s.TrainH)
        {
            var scaled = g.mul(-eta);
            if (_vh is null)
            {
                if (_s.LambdaH != 0.0) _h.mul_(1.0 - eta * _s.LambdaH);
                _h.addmm_(scaled, _w, 1f, 1f);
            }
            else
            {
                _vh.mul_(mu);
                if (_s.LambdaH != 0.0) _vh.add_(_h, -eta * _s.LambdaH);
                _vh.addmm_(scaled, _w, 1f, 1f);
                _h.add_(_vh);
            }
        }
        if (gw is not null) Apply(_w, gw, _vw, eta, mu);
        if (gb is not null) Apply(_b!, gb, _vb, eta, mu);
    }

    private static void Apply(Tensor theta, Tensor grad, Tensor? velocity, double eta, double mu)
    {
        if (velocity is null)
        {
            theta.add_(grad, -eta);
            return;
        }
        velocity.mul_(mu).add_(grad, -eta);
        theta.add_(velocity);
    }

    /// <summary>
    /// G = (1/N) ∂ℓ/∂Z (N×K) and, when asked, the mean loss (stable forms as in <see cref="LogitGradient"/>); with
    /// <paramref name="shifted"/> under CE both carry the common factor e^{−A} of <see cref="LogitGradient.ComputeShifted"/>.
    /// </summary>
    private (Tensor G, double Loss) LogitGradients(bool wantLoss, bool shifted)
    {
        var z = _b is null ? _h.matmul(_w.t()) : _h.matmul(_w.t()).add_(_b);
        if (_s.Loss == UfmLoss.Mse)
        {
            var r = z.sub(_y);
            var lossMse = wantLoss ? 0.5 * r.square().sum().item<double>() * _invN : double.NaN;
            return (r.mul_(_invN), lossMse);
        }
        if (shifted)
        {
            // a_i = LSE_{j≠y}(z_j − z_y); p̃_ij = exp(z_j − z_y − softplus(a_i) − A); ℓ̃_i = exp(log softplus(a_i) − A).
            var diff = z.sub(z.gather(1, _labels)).masked_fill_(_mask, double.NegativeInfinity);
            var a = diff.logsumexp(1, keepdim: true);
            var shift = a.max();
            var softplus = a.exp().log1p().where(a.le(0.0), a.add(a.neg().exp().log1p()));
            var logSoftplus = a.add(a.exp().mul(-0.5).log1p()).where(a.lt(-30.0), softplus.log());
            var p = diff.sub_(softplus).sub_(shift).exp_();
            var gs = p.sub(_y.mul(p.sum(1, keepdim: true))).mul_(_invN);
            var lossShifted = logSoftplus.sub(shift).exp_().to_type(ScalarType.Float64).sum().item<double>() * _invN;
            return (gs, lossShifted);
        }
        var m = z.amax(new long[] { 1 }, keepdim: true);
        var e = z.sub(m).exp_();
        var total = e.sum(1, keepdim: true);
        var pOthers = e.masked_fill(_mask, 0.0).div_(total);
        var g = pOthers.sub(_y.mul(pOthers.sum(1, keepdim: true))).mul_(_invN);
        var loss = double.NaN;
        if (wantLoss)
        {
            // CE_i = softplus(LSE_{j≠y}(z_j − z_y)) (the Theory margin form), evaluated on the tensor.
            var diff = z.sub(z.gather(1, _labels)).masked_fill_(_mask, double.NegativeInfinity);
            var a = diff.logsumexp(1, keepdim: true);
            var softplus = a.exp().log1p().where(a.le(0.0), a.add(a.neg().exp().log1p()));
            loss = softplus.to_type(ScalarType.Float64).sum().item<double>() * _invN;
        }
        return (g, loss);
    }

    public double DataLoss()
    {
        using var scope = NewDisposeScope();
        return LogitGradients(true, shifted: false).Loss;
    }

    public void Read(double[] w, double[] h, double[]? b)
    {
        Copy(_w, w);
        Copy(_h, h);
        if (b is not null && _b is not null) Copy(_b, b);
    }

    private static void Copy(Tensor source, double[] target)
    {
        using var cpu = source.to(ScalarType.Float64, CPU).contiguous();
        cpu.data<double>().CopyTo(target, 0);
    }

    private static double[]? ToArray(Tensor? t)
    {
        if (t is null) return null;
        var a = new double[t.numel()];
        Copy(t, a);
        return a;
    }

    public EngineState Export() => new(ToArray(_w)!, ToArray(_h)!, ToArray(_b), ToArray(_vw), ToArray(_vh), ToArray(_vb));

    public void Import(EngineState state)
    {
        Load(_w, state.W);
        Load(_h, state.H);
        if (_b is not null) Load(_b, state.B!);
        if (_vw is not null) Load(_vw, state.VW!);
        if (_vh is not null) Load(_vh, state.VH!);
        if (_vb is not null) Load(_vb, state.VB!);
    }

    private void Load(Tensor target, double[] values)
    {
        using var src = tensor(values, target.shape, ScalarType.Float64);
        using var converted = src.to(_dtype, _device);
        using (no_grad()) target.copy_(converted);
    }

    public void Dispose()
    {
        _w.Dispose(); _h.Dispose(); _y.Dispose(); _mask.Dispose(); _labels.Dispose();
        _b?.Dispose(); _vw?.Dispose(); _vh?.Dispose(); _vb?.Dispose();
    }
}
