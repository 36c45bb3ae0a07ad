using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// Fused row-block SIMD kernels on row-major operands (float64 or float32, fused multiply-adds through
/// <typeparamref name="TOps"/>): the logits of a block of four rows against every row of W, the rank-4 update
/// G += Σ_r g_r h_rᵀ, and the row update h_r += Σ_c a_rc w_c. Each block of four rows is read once and combined with
/// each row of W in one sweep, so a caller that fuses the three (the UFM gradient step) passes over its rows once.
/// The rounding of every output is fixed by the code (lane-wise accumulation over d in 512-bit lanes, a lane sum, then
/// the scalar tail), so results are reproducible bit for bit.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TOps">The matching <see cref="IFusedOps{T}"/>.</typeparam>
public static unsafe class DenseRowKernels<T, TOps>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOps : IFusedOps<T>
{
    /// <summary>Rows per block of the blocked kernels.</summary>
    public const int Block = 4;

    private static double D(T v) => double.CreateTruncating(v);

    /// <summary>
    /// z[r·k + c] = (w_c · h_r, accumulated in T) + bias_c for the <paramref name="rows"/> (4 or 1) rows starting at
    /// <paramref name="h0"/> (row stride d) and the k rows of <paramref name="w"/>; <paramref name="bias"/> may be null.
    /// </summary>
    public static void Logits(T* w, T* bias, int k, int d, T* h0, int rows, double* z)
    {
        var lanes = Vector512<T>.Count;
        var dv = d - d % lanes;
        T* h1 = h0 + d, h2 = h0 + 2 * d, h3 = h0 + 3 * d;
        for (var c = 0; c < k; c++)
        {
            var wc = w + (long)c * d;
            var b = bias == null ? 0.0 : D(bias[c]);
            if (rows == Block)
            {
                var a0 = Vector512<T>.Zero;
                var a1 = a0;
                var a2 = a0;
                var a3 = a0;
                for (var j = 0; j < dv; j += lanes)
                {
                    var wv = Vector512.Load(wc + j);
                    a0 = TOps.Fma(wv, Vector512.Load(h0 + j), a0);
                    a1 = TOps.Fma(wv, Vector512.Load(h1 + j), a1);
                    a2 = TOps.Fma(wv, Vector512.Load(h2 + j), a2);
                    a3 = TOps.Fma(wv, Vector512.Load(h3 + j), a3);
                }
                T s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
                for (var j = dv; j < d; j++)
                {
                    s0 = TOps.Fma(wc[j], h0[j], s0);
                    s1 = TOps.Fma(wc[j], h1[j], s1);
                    s2 = TOps.Fma(wc[j], h2[j], s2);
                    s3 = TOps.Fma(wc[j], h3[j], s3);
                }
                z[c] = D(s0) + b;
                z[k + c] = D(s1) + b;
                z[2 * k + c] = D(s2) + b;
                z[3 * k + c] = D(s3) + b;
            }
            else
            {
                var a0 = Vector512<T>.Zero;
                for (var j = 0; j < dv; j += lanes) a0 = TOps.Fma(Vector512.Load(wc + j), Vector512.Load(h0 + j), a0);
                var s0 = Vector512.Sum(a0);
                for (var j = dv; j < d; j++) s0 = TOps.Fma(wc[j], h0[j], s0);
                z[c] = D(s0) + b;
            }
        }
    }

    /// <summary>
    /// gw_c += Σ_r g[r·k + c] h_r for every class c, over the <paramref name="rows"/> (4 or 1) rows starting at
    /// <paramref name="h0"/>; <paramref name="gw"/> is k×d row-major.
    /// </summary>
    public static void AccumulateOuter(T* gw, T* g, int k, int d, T* h0, int rows)
    {
        var lanes = Vector512<T>.Count;
        var dv = d - d % lanes;
        T* h1 = h0 + d, h2 = h0 + 2 * d, h3 = h0 + 3 * d;
        for (var c = 0; c < k; c++)
        {
            var gwc = gw + (long)c * d;
            if (rows == Block)
            {
                T c0 = g[c], c1 = g[k + c], c2 = g[2 * k + c], c3 = g[3 * k + c];
                Vector512<T> g0 = Vector512.Create(c0), g1 = Vector512.Create(c1), g2 = Vector512.Create(c2), g3 = Vector512.Create(c3);
                for (var j = 0; j < dv; j += lanes)
                {
                    var acc = Vector512.Load(gwc + j);
                    acc = TOps.Fma(g0, Vector512.Load(h0 + j), acc);
                    acc = TOps.Fma(g1, Vector512.Load(h1 + j), acc);
                    acc = TOps.Fma(g2, Vector512.Load(h2 + j), acc);
                    acc = TOps.Fma(g3, Vector512.Load(h3 + j), acc);
                    acc.Store(gwc + j);
                }
                for (var j = dv; j < d; j++)
                    gwc[j] = TOps.Fma(c3, h3[j], TOps.Fma(c2, h2[j], TOps.Fma(c1, h1[j], TOps.Fma(c0, h0[j], gwc[j]))));
            }
            else
            {
                var c0 = g[c];
                var g0 = Vector512.Create(c0);
                for (var j = 0; j < dv; j += lanes) TOps.Fma(g0, Vector512.Load(h0 + j), Vector512.Load(gwc + j)).Store(gwc + j);
                for (var j = dv; j < d; j++) gwc[j] = TOps.Fma(c0, h0[j], gwc[j]);
            }
        }
    }

    /// <summary>Four consecutive rows in place: h_r ← h_r + decay·h_r + Σ_c a[r·k + c] w_c (decay 0 skips that term).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CombineBlock(T* w, T* a, int k, int d, T* h0, T decay)
    {
        var lanes = Vector512<T>.Count;
        var dv = d - d % lanes;
        T* h1 = h0 + d, h2 = h0 + 2 * d, h3 = h0 + 3 * d;
        var dec = Vector512.Create(decay);
        var hasDecay = decay != T.Zero;
        for (var j = 0; j < dv; j += lanes)
        {
            Vector512<T> u0 = Vector512.Load(h0 + j), u1 = Vector512.Load(h1 + j), u2 = Vector512.Load(h2 + j), u3 = Vector512.Load(h3 + j);
            if (hasDecay)
            {
                u0 = TOps.Fma(dec, u0, u0);
                u1 = TOps.Fma(dec, u1, u1);
                u2 = TOps.Fma(dec, u2, u2);
                u3 = TOps.Fma(dec, u3, u3);
            }
            for (var c = 0; c < k; c++)
            {
                var wv = Vector512.Load(w + (long)c * d + j);
                u0 = TOps.Fma(Vector512.Create(a[c]), wv, u0);
                u1 = TOps.Fma(Vector512.Create(a[k + c]), wv, u1);
                u2 = TOps.Fma(Vector512.Create(a[2 * k + c]), wv, u2);
                u3 = TOps.Fma(Vector512.Create(a[3 * k + c]), wv, u3);
            }
            u0.Store(h0 + j);
            u1.Store(h1 + j);
            u2.Store(h2 + j);
            u3.Store(h3 + j);
        }
        for (var r = 0; r < Block; r++)
        {
            var h = h0 + r * d;
            var g = a + r * k;
            for (var j = dv; j < d; j++)
            {
                var u = hasDecay ? TOps.Fma(decay, h[j], h[j]) : h[j];
                for (var c = 0; c < k; c++) u = TOps.Fma(g[c], w[(long)c * d + j], u);
                h[j] = u;
            }
        }
    }

    /// <summary>
    /// One row: u = decay·h + (v == null ? h : μ·v) + Σ_c a_c w_c; without a velocity h ← u, with one v ← u and h ← h + u
    /// (the heavy-ball update).
    /// </summary>
    public static void CombineRow(T* w, T* a, int k, int d, T* h, T* v, T decay, T mu)
    {
        var lanes = Vector512<T>.Count;
        var dv = d - d % lanes;
        var dec = Vector512.Create(decay);
        var mv = Vector512.Create(mu);
        for (var j = 0; j < dv; j += lanes)
        {
            var hv = Vector512.Load(h + j);
            var u = v == null ? TOps.Fma(dec, hv, hv) : TOps.Fma(dec, hv, mv * Vector512.Load(v + j));
            for (var c = 0; c < k; c++) u = TOps.Fma(Vector512.Create(a[c]), Vector512.Load(w + (long)c * d + j), u);
            if (v == null) u.Store(h + j);
            else
            {
                u.Store(v + j);
                (hv + u).Store(h + j);
            }
        }
        for (var j = dv; j < d; j++)
        {
            var u = v == null ? TOps.Fma(decay, h[j], h[j]) : TOps.Fma(decay, h[j], mu * v[j]);
            for (var c = 0; c < k; c++) u = TOps.Fma(a[c], w[(long)c * d + j], u);
            if (v == null) h[j] = u;
            else
            {
                v[j] = u;
                h[j] += u;
            }
        }
    }
}
