using System.Numerics;
using System.Runtime.InteropServices;

namespace Collapse.Theory.Numerics;

/// <summary>Small vectorised span kernels (no allocations): dot products, axpy, scaling.</summary>
public static class DenseKernels
{
    /// <summary>Σ_i x_i y_i.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (var v = 0; v < vx.Length; v++) acc += vx[v] * vy[v];
            i = vx.Length * Vector<double>.Count;
        }
        var s = Vector.Sum(acc);
        for (; i < n; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>y ← y + a x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            for (var v = 0; v < vx.Length; v++) vy[v] += va * vx[v];
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>y ← a y.</summary>
    public static void Scale(double a, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++) y[i] *= a;
    }

    /// <summary>Σ_i x_i².</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x) => Dot(x, x);
}
