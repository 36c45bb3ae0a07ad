using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// Blocked SIMD matrix product C = A·Bᵀ (A m×d row-major, B packed in <see cref="DensePanels{T}"/>), the GEMM-shaped
/// hot loops of the metric passes: logits W·h, the float32 nearest-centre scores μ_k·h, the nc1 projection P·(h − μ_y)
/// and the tiled Gram products of the class means. Register-blocked micro-kernel of 8 rows × 2 vectors (16 doubles or
/// 32 floats) with broadcast fused multiply-adds; A is swept in row blocks that stay in the L2 cache while every panel
/// passes over them. Single-threaded by design: callers split rows between threads.
/// </summary>
/// <remarks>
/// Rounding is fixed by the code and independent of the blocking: every output C[i, c] is ONE chain of fused
/// multiply-adds over j = 0, 1, …, d−1 starting from 0, so for any row split, block size or thread count the same
/// inputs give the same bits, and the error obeys the recursive-summation bound
/// |Ĉ − C| ≤ γ_d Σ_j |A_ij B_cj|, γ_d = d·u/(1 − d·u) (Higham 2002, Accuracy and Stability of Numerical
/// Algorithms, §3.1; an FMA chain rounds once per step), u = 2⁻⁵³ (double) or 2⁻²⁴ (float).
/// </remarks>
public static unsafe class DenseGemm
{
    /// <summary>Rows of the register block.</summary>
    public const int BlockRows = 8;

    /// <summary>Bytes of A kept hot per row block (half of a typical 1 MB L2).</summary>
    private const int RowBlockBytes = 512 << 10;

    /// <summary>
    /// C[i·ldc + c] = Σ_j A[i·lda + j] B[c, j] for i &lt; m and c &lt; b.PaddedRows (columns past b.Rows are 0).
    /// </summary>
    /// <exception cref="ArgumentException">Strides or lengths too small.</exception>
    public static void MultiplyTransposed<T, TOps>(ReadOnlySpan<T> a, int m, int lda, DensePanels<T> b, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : IFusedOps<T>
    {
        var d = b.Depth;
        if (m == 0) return;
        if (lda < d) throw new ArgumentException($"lda {lda} < d {d}", nameof(lda));
        if (ldc < b.PaddedRows) throw new ArgumentException($"ldc {ldc} < padded columns {b.PaddedRows}", nameof(ldc));
        if (a.Length < (long)(m - 1) * lda + d) throw new ArgumentException("A is too short", nameof(a));
        if (c.Length < (long)(m - 1) * ldc + b.PaddedRows) throw new ArgumentException("C is too short", nameof(c));
        var width = DensePanels<T>.Width;
        var rowBlock = Math.Max(BlockRows, RowBlockBytes / (Unsafe.SizeOf<T>() * Math.Max(d, 1)) / BlockRows * BlockRows);
        fixed (T* ap = a, bp = b.Data, cp = c)
        {
            for (var r0 = 0; r0 < m; r0 += rowBlock)
            {
                var r1 = Math.Min(m, r0 + rowBlock);
                for (var p = 0; p < b.Panels; p++)
                {
                    var panel = bp + (long)p * d * width;
                    var r = r0;
                    for (; r + BlockRows <= r1; r += BlockRows)
                        Kernel8<T, TOps>(ap + (long)r * lda, lda, panel, d, cp + (long)r * ldc + p * width, ldc);
                    for (; r < r1; r++)
                        Kernel1<T, TOps>(ap + (long)r * lda, panel, d, cp + (long)r * ldc + p * width);
                }
            }
        }
    }

    /// <summary>Convenience overload for managed arrays (C gets stride b.PaddedRows).</summary>
    public static void MultiplyTransposed<T, TOps>(T[] a, int m, DensePanels<T> b, T[] c)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : IFusedOps<T>
        => MultiplyTransposed<T, TOps>(a, m, b.Depth, b, c, b.PaddedRows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8<T, TOps>(T* a, int lda, T* b, int d, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : IFusedOps<T>
    {
        var lanes = Vector512<T>.Count;
        var width = 2 * lanes;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        T* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda;
        for (var j = 0; j < d; j++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + lanes);
            b += width;
            var x = Vector512.Create(a0[j]);
            c00 = TOps.Fma(x, b0, c00);
            c01 = TOps.Fma(x, b1, c01);
            x = Vector512.Create(a1[j]);
            c10 = TOps.Fma(x, b0, c10);
            c11 = TOps.Fma(x, b1, c11);
            x = Vector512.Create(a2[j]);
            c20 = TOps.Fma(x, b0, c20);
            c21 = TOps.Fma(x, b1, c21);
            x = Vector512.Create(a3[j]);
            c30 = TOps.Fma(x, b0, c30);
            c31 = TOps.Fma(x, b1, c31);
            x = Vector512.Create(a4[j]);
            c40 = TOps.Fma(x, b0, c40);
            c41 = TOps.Fma(x, b1, c41);
            x = Vector512.Create(a5[j]);
            c50 = TOps.Fma(x, b0, c50);
            c51 = TOps.Fma(x, b1, c51);
            x = Vector512.Create(a6[j]);
            c60 = TOps.Fma(x, b0, c60);
            c61 = TOps.Fma(x, b1, c61);
            x = Vector512.Create(a7[j]);
            c70 = TOps.Fma(x, b0, c70);
            c71 = TOps.Fma(x, b1, c71);
        }
        c00.Store(c); c01.Store(c + lanes); c += ldc;
        c10.Store(c); c11.Store(c + lanes); c += ldc;
        c20.Store(c); c21.Store(c + lanes); c += ldc;
        c30.Store(c); c31.Store(c + lanes); c += ldc;
        c40.Store(c); c41.Store(c + lanes); c += ldc;
        c50.Store(c); c51.Store(c + lanes); c += ldc;
        c60.Store(c); c61.Store(c + lanes); c += ldc;
        c70.Store(c); c71.Store(c + lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1<T, TOps>(T* a, T* b, int d, T* c)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : IFusedOps<T>
    {
        var lanes = Vector512<T>.Count;
        var width = 2 * lanes;
        Vector512<T> c0 = default, c1 = default;
        for (var j = 0; j < d; j++)
        {
            var x = Vector512.Create(a[j]);
            c0 = TOps.Fma(x, Vector512.Load(b), c0);
            c1 = TOps.Fma(x, Vector512.Load(b + lanes), c1);
            b += width;
        }
        c0.Store(c);
        c1.Store(c + lanes);
    }
}
