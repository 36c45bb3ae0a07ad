using Collapse.Theory.Loss;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Engine;

/// <summary>
/// Float64 UFM step on plain managed arrays. For small problems (K·d·N up to ~10⁶) this beats TorchSharp, whose
/// per-operation overhead (~5 µs per op, ~15 ops per step) dominates there (measured, see docs/ufm.md).
/// Layout: W row-major K×d, H sample-major N×d (row i = h_i), logit gradient G row-major N×K.
/// </summary>
internal sealed class ManagedEngine : IUfmEngine
{
    private readonly EngineSetup _s;
    private readonly int _k, _d, _n;
    private readonly double[] _w, _h, _g, _gw;
    private readonly double[]? _b, _gb, _vw, _vh, _vb;
    private readonly double[] _z, _hGrad, _a;

    public ManagedEngine(EngineSetup setup)
    {
        _s = setup;
        _k = setup.Classes;
        _d = setup.Dim;
        _n = setup.Samples;
        _w = (double[])setup.W.Clone();
        _h = (double[])setup.H.Clone();
        _b = setup.B is null ? null : (double[])setup.B.Clone();
        _g = new double[_n * _k];
        _gw = new double[_k * _d];
        _gb = _b is null ? null : new double[_k];
        _z = new double[_k];
        _hGrad = new double[_d];
        _a = new double[_n];
        if (setup.Momentum > 0)
        {
            if (setup.TrainW) _vw = new double[_k * _d];
            if (setup.TrainH) _vh = new double[_n * _d];
            if (_b is not null) _vb = new double[_k];
        }
    }

    public string Name => "managed-float64-cpu";

    public void Step(Func<double, double> stepSize, bool needsLoss)
    {
        var loss = LogitGradients(needsLoss, shifted: needsLoss);
        var eta = stepSize(loss);
        var mu = _s.Momentum;

        // ∇_W = Gᵀ H + λ_W W and ∇_b = Gᵀ1 + λ_b b, both at the old H (computed before H moves).
        if (_s.TrainW)
        {
            Array.Clear(_gw);
            for (var i = 0; i < _n; i++)
            {
                var hi = _h.AsSpan(i * _d, _d);
                for (var c = 0; c < _k; c++)
                {
                    var gic = _g[i * _k + c];
                    if (gic != 0.0) DenseKernels.Axpy(gic, hi, _gw.AsSpan(c * _d, _d));
                }
            }
            if (_s.LambdaW != 0.0) DenseKernels.Axpy(_s.LambdaW, _w, _gw);
        }
        if (_b is not null)
        {
            Array.Clear(_gb!);
            for (var i = 0; i < _n; i++)
                for (var c = 0; c < _k; c++) _gb![c] += _g[i * _k + c];
            if (_s.LambdaB != 0.0) DenseKernels.Axpy(_s.LambdaB, _b, _gb);
        }

        // ∇_H: row i is Σ_c G_ic w_c + λ_H h_i, at the old W; rows are independent so H is updated in place.
        if (_s.TrainH)
        {
            var lh = _s.LambdaH;
            for (var i = 0; i < _n; i++)
            {
                var hi = _h.AsSpan(i * _d, _d);
                var grad = _hGrad.AsSpan();
                if (lh != 0.0) { hi.CopyTo(grad); DenseKernels.Scale(lh, grad); }
                else grad.Clear();
                for (var c = 0; c < _k; c++)
                {
                    var gic = _g[i * _k + c];
                    if (gic != 0.0) DenseKernels.Axpy(gic, _w.AsSpan(c * _d, _d), grad);
                }
                Apply(hi, grad, _vh is null ? default : _vh.AsSpan(i * _d, _d), eta, mu);
            }
        }
        if (_s.TrainW) Apply(_w, _gw, _vw, eta, mu);
        if (_b is not null) Apply(_b, _gb!, _vb, eta, mu);
    }

    /// <summary>θ ← θ − η g (μ = 0) or v ← μ v − η g, θ ← θ + v.</summary>
    private static void Apply(Span<double> theta, ReadOnlySpan<double> grad, Span<double> velocity, double eta, double mu)
    {
        if (velocity.IsEmpty)
        {
            DenseKernels.Axpy(-eta, grad, theta);
            return;
        }
        for (var j = 0; j < theta.Length; j++)
        {
            velocity[j] = mu * velocity[j] - eta * grad[j];
            theta[j] += velocity[j];
        }
    }

    /// <summary>
    /// Fills G = (1/N) ∂ℓ/∂Z row by row and returns the mean loss (NaN when not requested). With
    /// <paramref name="wantLoss"/> under CE both are scaled by the common factor e^{−A}, A = max_i LSE_{j≠y_i}(z_ij − z_iy_i)
    /// (see <see cref="LogitGradient.ComputeShifted"/>): the ratio G/F used by the normalized schedule is unchanged and finite.
    /// </summary>
    private double LogitGradients(bool wantLoss, bool shifted)
    {
        var scale = 1.0 / _n;
        var total = 0.0;
        var z = _z.AsSpan();
        if (shifted && _s.Loss == UfmLoss.CrossEntropy)
        {
            var shift = double.NegativeInfinity;
            for (var i = 0; i < _n; i++)
            {
                var zi = _g.AsSpan(i * _k, _k);
                Logits(i, zi);
                _a[i] = CrossEntropy.InnerLogSum(zi, _s.Labels[i]);
                if (_a[i] > shift) shift = _a[i];
            }
            for (var i = 0; i < _n; i++)
            {
                var gi = _g.AsSpan(i * _k, _k);
                gi.CopyTo(z);
                total += LogitGradient.ComputeShifted(z, _s.Labels[i], _a[i], shift, scale, gi);
            }
            return total * scale;
        }
        for (var i = 0; i < _n; i++)
        {
            Logits(i, z);
            total += LogitGradient.Compute(_s.Loss, z, _s.Labels[i], scale, _g.AsSpan(i * _k, _k), wantLoss);
        }
        return wantLoss ? total * scale : double.NaN;
    }

    private void Logits(int i, Span<double> z)
    {
        var hi = _h.AsSpan(i * _d, _d);
        for (var c = 0; c < _k; c++)
            z[c] = DenseKernels.Dot(_w.AsSpan(c * _d, _d), hi) + (_b is null ? 0.0 : _b[c]);
    }

    public double DataLoss() => LogitGradients(true, shifted: false);

    public void Read(double[] w, double[] h, double[]? b)
    {
        _w.CopyTo(w, 0);
        _h.CopyTo(h, 0);
        if (b is not null && _b is not null) _b.CopyTo(b, 0);
    }

    public EngineState Export() => new(
        (double[])_w.Clone(), (double[])_h.Clone(), (double[]?)_b?.Clone(),
        (double[]?)_vw?.Clone(), (double[]?)_vh?.Clone(), (double[]?)_vb?.Clone());

    public void Import(EngineState state)
    {
        state.W.CopyTo(_w, 0);
        state.H.CopyTo(_h, 0);
        if (_b is not null) state.B!.CopyTo(_b, 0);
        if (_vw is not null) state.VW!.CopyTo(_vw, 0);
        if (_vh is not null) state.VH!.CopyTo(_vh, 0);
        if (_vb is not null) state.VB!.CopyTo(_vb, 0);
    }

    public void Dispose() { }
}
