using System.Numerics;
using System.Runtime.Intrinsics;
using Collapse.Theory.Loss;
using Collapse.Theory.Numerics;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Engine;

/// <summary>
/// UFM step on managed arrays (float64 or float32, <typeparamref name="T"/>; fused multiply-adds through
/// <typeparamref name="TOps"/>) with a fused, row-blocked, SIMD kernel: one pass over H per step reads each
/// block of four rows once, computes their logits z_i = W h_i + b, the logit gradients g_i (shared
/// <see cref="LogitGradient"/> code), accumulates ∇W = Σ g_i h_iᵀ and ∇b = Σ g_i into per-chunk partial sums, and
/// updates the rows in place (they are independent given the old W). The compulsory memory traffic is thus one read
/// and one write of H, against three passes for the GEMM formulation of <see cref="TorchEngine"/>.
/// Rows are split into a fixed number of chunks (a function of N only) whose partial sums are added in chunk order,
/// so results are bit-identical whether the chunks run on one thread or in parallel.
/// Layout: W row-major K×d, H sample-major N×d (row i = h_i). Per-row logit gradients are formed in float64 from the
/// T-precision logits and rounded back to T.
/// </summary>
internal sealed unsafe class ManagedEngine<T, TOps> : IUfmEngine
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOps : IFusedOps<T>
{
    /// <summary>K·d·N from which the chunks run in parallel.</summary>
    private const long ParallelThreshold = 200_000;
    private const int Block = DenseRowKernels<T, TOps>.Block;

    private readonly EngineSetup _s;
    private readonly int _k, _d, _n, _chunks;
    private readonly T[] _w, _h;
    private readonly T[]? _b, _vw, _vh, _vb;
    private readonly T[][] _gwPartial, _gbPartial;
    private readonly T[] _gw, _gb;
    private readonly double[] _a;
    private readonly ParallelOptions _parallel;

    public ManagedEngine(EngineSetup setup)
    {
        _s = setup;
        _k = setup.Classes;
        _d = setup.Dim;
        _n = setup.Samples;
        _w = ToT(setup.W);
        _h = ToT(setup.H);
        _b = setup.B is null ? null : ToT(setup.B);
        _chunks = Math.Clamp(_n / 256, 1, 16);
        _gwPartial = new T[_chunks][];
        _gbPartial = new T[_chunks][];
        for (var c = 0; c < _chunks; c++)
        {
            _gwPartial[c] = setup.TrainW ? new T[_k * _d] : [];
            _gbPartial[c] = _b is not null ? new T[_k] : [];
        }
        _gw = new T[_k * _d];
        _gb = new T[_k];
        _a = new double[_n];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = setup.Threads > 0 ? setup.Threads : Environment.ProcessorCount };
        if (setup.Momentum > 0)
        {
            if (setup.TrainW) _vw = new T[_k * _d];
            if (setup.TrainH) _vh = new T[_n * _d];
            if (_b is not null) _vb = new T[_k];
        }
    }

    public string Name => typeof(T) == typeof(float) ? "managed-float32-cpu" : "managed-float64-cpu";

    private static T[] ToT(double[] a)
    {
        var r = new T[a.Length];
        for (var i = 0; i < a.Length; i++) r[i] = T.CreateChecked(a[i]);
        return r;
    }

    private static double[] ToDouble(T[] a)
    {
        var r = new double[a.Length];
        for (var i = 0; i < a.Length; i++) r[i] = double.CreateChecked(a[i]);
        return r;
    }

    private static void Load(T[] target, double[] source)
    {
        for (var i = 0; i < source.Length; i++) target[i] = T.CreateChecked(source[i]);
    }

    private static double D(T v) => double.CreateTruncating(v);
    private static T Tv(double v) => T.CreateTruncating(v);

    public void Step(Func<double, double> stepSize, bool needsLoss)
    {
        double? shift = null;
        double loss = double.NaN;
        if (needsLoss)
        {
            (loss, shift) = ScanLoss();
        }
        var eta = stepSize(loss);
        if ((long)_k * _d * _n >= ParallelThreshold && _chunks > 1)
            Parallel.For(0, _chunks, _parallel, c => Chunk(c, eta, shift));
        else
            for (var c = 0; c < _chunks; c++) Chunk(c, eta, shift);

        if (_s.TrainW) Reduce(_gwPartial, _gw, _w, _s.LambdaW, _vw, eta);
        if (_b is not null) Reduce(_gbPartial, _gb, _b, _s.LambdaB, _vb, eta);
    }

    /// <summary>g = Σ_chunks partial (in chunk order) + λθ, then θ ← θ − ηg (μ = 0) or v ← μv − ηg, θ ← θ + v.</summary>
    private void Reduce(T[][] partials, T[] grad, T[] theta, double lambda, T[]? velocity, double eta)
    {
        Array.Clear(grad);
        foreach (var p in partials)
            for (var j = 0; j < grad.Length; j++) grad[j] += p[j];
        T l = Tv(lambda), e = Tv(eta), mu = Tv(_s.Momentum);
        for (var j = 0; j < theta.Length; j++)
        {
            var g = lambda != 0.0 ? grad[j] + l * theta[j] : grad[j];
            if (velocity is null) theta[j] -= e * g;
            else
            {
                velocity[j] = mu * velocity[j] - e * g;
                theta[j] += velocity[j];
            }
        }
    }

    /// <summary>
    /// Pass for the loss-normalized schedule: the mean loss F and, under CE, the shift A = max_i a_i with
    /// a_i = LSE_{j≠y_i}(z_ij − z_iy_i); returns (e^{−A}·F, A), or (F, null) for MSE (whose gradient is not shifted).
    /// </summary>
    private (double Loss, double? Shift) ScanLoss()
    {
        Span<double> z = stackalloc double[_k];
        if (_s.Loss == UfmLoss.Mse) return (DataLoss(), null);
        var shift = double.NegativeInfinity;
        for (var i = 0; i < _n; i++)
        {
            Logits(i, z);
            _a[i] = CrossEntropy.InnerLogSum(z, _s.Labels[i]);
            if (_a[i] > shift) shift = _a[i];
        }
        var total = 0.0;
        for (var i = 0; i < _n; i++) total += Math.Exp(LogSumExp.LogSoftplus(_a[i]) - shift);
        return (total / _n, shift);
    }

    /// <summary>Logits of row i accumulated in float64 (used for the loss only).</summary>
    private void Logits(int i, Span<double> z)
    {
        if (typeof(T) == typeof(double))
        {
            var w = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(_w.AsSpan());
            var h = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(_h.AsSpan(i * _d, _d));
            for (var c = 0; c < _k; c++) z[c] = DenseKernels.Dot(w.Slice(c * _d, _d), h) + (_b is null ? 0.0 : D(_b[c]));
            return;
        }
        for (var c = 0; c < _k; c++)
        {
            var s = _b is null ? 0.0 : D(_b[c]);
            for (var j = 0; j < _d; j++) s += D(_w[c * _d + j]) * D(_h[i * _d + j]);
            z[c] = s;
        }
    }

    public double DataLoss()
    {
        Span<double> z = stackalloc double[_k];
        Span<double> g = stackalloc double[_k];
        var total = new NeumaierSum();
        for (var i = 0; i < _n; i++)
        {
            Logits(i, z);
            total.Add(LogitGradient.Compute(_s.Loss, z, _s.Labels[i], 1.0, g, wantLoss: true));
        }
        return total.Value / _n;
    }

    /// <summary>Rows [N·c/chunks, N·(c+1)/chunks): blocks of four rows, then single rows.</summary>
    private void Chunk(int chunk, double eta, double? shift)
    {
        int lo = (int)((long)_n * chunk / _chunks), hi = (int)((long)_n * (chunk + 1) / _chunks);
        var gw = _gwPartial[chunk];
        var gb = _gbPartial[chunk];
        Array.Clear(gw);
        Array.Clear(gb);
        var zs = stackalloc double[2 * Block * _k];
        var gt = stackalloc T[Block * _k];
        fixed (T* wp = _w, hp = _h, gwp = gw, gbp = gb)
        fixed (T* vh = _vh, bp = _b)
        {
            var ctx = new RowContext(wp, hp, gwp, gbp, vh, bp, zs, zs + Block * _k, gt, eta, shift);
            var i = lo;
            for (; i + Block <= hi; i += Block) Rows(ref ctx, i, Block);
            for (; i < hi; i++) Rows(ref ctx, i, 1);
        }
    }

    private readonly struct RowContext(T* w, T* h, T* gw, T* gb, T* vh, T* b, double* z, double* g, T* gt, double eta, double? shift)
    {
        public readonly T* W = w, H = h, Gw = gw, Gb = gb, Vh = vh, B = b, Gt = gt;
        public readonly double* Z = z, G = g;
        public readonly double Eta = eta;
        public readonly double? Shift = shift;
    }

    /// <summary>One block of <paramref name="rows"/> (4 or 1) rows starting at <paramref name="i0"/>.</summary>
    private void Rows(ref RowContext x, int i0, int rows)
    {
        int k = _k, d = _d;
        var h0 = x.H + (long)i0 * d;
        var scale = 1.0 / _n;

        // Logits (accumulated in T, then widened).
        DenseRowKernels<T, TOps>.Logits(x.W, x.B, k, d, h0, rows, x.Z);

        // Logit gradients g_r = (1/N) ∂ℓ/∂z_r (times e^{−A} under the normalized schedule), in float64, rounded to T.
        for (var r = 0; r < rows; r++)
        {
            var z = new ReadOnlySpan<double>(x.Z + r * k, k);
            var g = new Span<double>(x.G + r * k, k);
            var y = _s.Labels[i0 + r];
            if (x.Shift is { } shift) LogitGradient.ComputeShifted(z, y, CrossEntropy.InnerLogSum(z, y), shift, scale, g);
            else LogitGradient.Compute(_s.Loss, z, y, scale, g, wantLoss: false);
            for (var c = 0; c < k; c++) x.Gt[r * k + c] = Tv(g[c]);
        }

        // ∇W += Σ_r g_r h_rᵀ and ∇b += Σ_r g_r, at the old rows.
        if (_s.TrainW) DenseRowKernels<T, TOps>.AccumulateOuter(x.Gw, x.Gt, k, d, h0, rows);
        if (x.Gb != null)
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < k; c++) x.Gb[c] += x.Gt[r * k + c];

        // Rows: h ← h − η(Σ_c g_c w_c + λ_H h), or with momentum v ← μv − η(…), h ← h + v.
        if (_s.TrainH)
        {
            var eta = x.Eta;
            var decay = Tv(-eta * _s.LambdaH);
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < k; c++) x.Gt[r * k + c] = Tv(-eta * x.G[r * k + c]);
            if (x.Vh == null && rows == Block)
                DenseRowKernels<T, TOps>.CombineBlock(x.W, x.Gt, k, d, h0, decay);
            else
                for (var r = 0; r < rows; r++)
                    DenseRowKernels<T, TOps>.CombineRow(x.W, x.Gt + r * k, k, d, h0 + r * d, x.Vh == null ? null : x.Vh + (long)(i0 + r) * d, decay, Tv(_s.Momentum));
        }
    }

    public void Read(double[] w, double[] h, double[]? b)
    {
        for (var i = 0; i < _w.Length; i++) w[i] = D(_w[i]);
        for (var i = 0; i < _h.Length; i++) h[i] = D(_h[i]);
        if (b is not null && _b is not null)
            for (var i = 0; i < _b.Length; i++) b[i] = D(_b[i]);
    }

    public EngineState Export() => new(ToDouble(_w), ToDouble(_h), _b is null ? null : ToDouble(_b),
        _vw is null ? null : ToDouble(_vw), _vh is null ? null : ToDouble(_vh), _vb is null ? null : ToDouble(_vb));

    public void Import(EngineState state)
    {
        Load(_w, state.W);
        Load(_h, state.H);
        if (_b is not null) Load(_b, state.B!);
        if (_vw is not null) Load(_vw, state.VW!);
        if (_vh is not null) Load(_vh, state.VH!);
        if (_vb is not null) Load(_vb, state.VB!);
    }

    public void Dispose() { }
}
