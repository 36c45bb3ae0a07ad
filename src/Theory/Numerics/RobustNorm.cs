using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// Euclidean norms and largest magnitudes that neither overflow nor underflow in their squares: the fast
/// Σ x_j² is used when its value lies in [2⁻⁹⁶⁰, 2⁹⁶⁰]; otherwise the vector is scaled by the exact power of two
/// 2^−ilogb(max|x_j|) before squaring and the norm is scaled back (the scaling of LAPACK's dnrm2, Blue 1978, "A portable
/// Fortran program to find the Euclidean norm of a vector", ACM TOMS 4(1), with a power of two so that it is exact).
/// The result is finite whenever ‖x‖ is representable.
/// </summary>
public static class RobustNorm
{
    private static readonly double SafeLow = Math.ScaleB(1.0, -960);
    private static readonly double SafeHigh = Math.ScaleB(1.0, 960);

    /// <summary>max_j |x_j| (0 for an empty span; NaN if any value is NaN).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        var j = 0;
        var acc = Vector512<double>.Zero;
        var nan = Vector512<double>.Zero;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= x.Length; j += 8)
            {
                var v = Vector512.Create(x.Slice(j, 8));
                acc = Vector512.Max(acc, Vector512.Abs(v));
                nan |= ~Vector512.Equals(v, v);
            }
        if (nan != Vector512<double>.Zero) return double.NaN;
        double m = 0;
        for (var l = 0; l < 8; l++) m = Math.Max(m, acc[l]);
        for (; j < x.Length; j++)
        {
            if (double.IsNaN(x[j])) return double.NaN;
            m = Math.Max(m, Math.Abs(x[j]));
        }
        return m;
    }

    /// <summary>‖x‖₂ without overflow or underflow of the squares.</summary>
    public static double Euclidean(ReadOnlySpan<double> x)
    {
        var s = DenseKernels.SumOfSquares(x);
        if (s >= SafeLow && s <= SafeHigh) return Math.Sqrt(s);
        var scaled = Math.Sqrt(ScaledSumOfSquares(x, out var e));
        return e == 0 ? scaled : Math.ScaleB(scaled, e);
    }

    /// <summary>
    /// Σ x_j² = <c>result</c> · 2^(2·<paramref name="exponent"/>), computed on x·2^−exponent with exponent = ilogb(max|x_j|)
    /// (0 for a zero, empty or non-finite vector, whose plain sum is returned).
    /// </summary>
    public static double ScaledSumOfSquares(ReadOnlySpan<double> x, out int exponent)
    {
        var m = MaxAbs(x);
        exponent = 0;
        if (!(m > 0) || double.IsInfinity(m)) return DenseKernels.SumOfSquares(x);
        exponent = Math.ILogB(m);
        double s = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var t = Math.ScaleB(x[j], -exponent);
            s += t * t;
        }
        return s;
    }
}
